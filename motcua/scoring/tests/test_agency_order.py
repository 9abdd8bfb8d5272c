"""The evaluation's agency picker: the tree and the official order, searchable (issue 13, item 21)."""

from motcua.reports.tests.test_agency_order import numbered, option_names
from motcua.scoring.tests.helpers import handled, vn


def test_the_evaluation_picker_lists_the_tree_in_the_official_order_and_is_searchable(client, world):
    client.force_login(numbered(world))
    body = client.get("/staff/danh-gia/").content.decode()
    assert option_names(body, "sc-agency") == [
        "UBND thành phố Hà Nội", "Sở Nội vụ", "Sở Tư pháp", "Trung tâm Phục vụ hành chính công", "Phường Cửa Nam",
        "Phường Hoàn Kiếm",
    ]  # fmt: skip
    assert 'data-searchable="' in body and "backoffice/picker.js" in body


def test_the_columns_carry_the_indicator_names_and_units_without_dossiers_stand_apart(client, world):
    # given dossiers decided at Sở Tư pháp only, in the first quarter of 2026
    handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10))
    client.force_login(numbered(world))
    # when an inspector of the city opens the evaluation of the city
    body = client.get("/staff/danh-gia/", {"agency": world.city.province.code, "year": 2026, "quarter": 1})
    html = body.content.decode()
    # then every column is headed by its indicator's short name, with the full title
    scored = html.split('id="idle-units"')[0]
    assert "1. Tổng thời gian" in html or "1. Total time" in html
    assert 'title="1. Tổng thời gian giải quyết so với thời gian quy định"' in html
    # and the units with no dossiers are not rows of the ranking but are named apart
    assert world.city.justice.name in scored
    for ward in world.city.wards:
        assert f'<th scope="row">{ward.name}</th>' not in html
        assert f"<li>{ward.name}</li>" in html.split('id="idle-units"')[1]
