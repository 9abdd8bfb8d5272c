"""Where to file (issue 13, item 13): the applicant's own ward is preselected from their address, nothing is
preselected otherwise, the list can be searched (without JavaScript by ?q=, with it as one types), and the procedure
page shows every agency behind "N in all"."""

import re

import pytest
from playwright.sync_api import expect

from motcua.dossiers.tests.two_wards import ward_version
from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create
from motcua.portal.tests.conftest import log_in, shot

OTHER_WARDS = ["Phường Ba Đình", "Phường Ngọc Hà", "Phường Giảng Võ", "Phường Láng", "Phường Ô Chợ Dừa",
               "Phường Văn Miếu - Quốc Tử Giám", "Phường Đống Đa", "Phường Kim Liên", "Phường Hai Bà Trưng",
               "Phường Tây Hồ", "Phường Long Biên", "Xã Sóc Sơn"]  # fmt: skip


def _wards(world):
    version = ward_version()
    for index, name in enumerate(OTHER_WARDS):
        agency_create(
            code=f"000.{index + 10:02d}.30.H26", name=name, parent=world.city.province,
            kind=AgencyKind.COMMUNE if name.startswith("Xã") else AgencyKind.WARD,
        )  # fmt: skip
    return version


def _selected(page: str) -> list[str]:
    select = re.search(r'<select name="place".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


def test_the_applicants_own_ward_is_preselected_from_their_address(client, world):
    version = _wards(world)
    world.citizen.address = "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội"
    world.citizen.save(update_fields=["address"])
    client.force_login(world.citizen_user)
    page = client.get(f"/nop-truc-tuyen/{version.procedure.code}/").content.decode()
    assert _selected(page) == [str(world.city.wards[0].pk)]
    assert 'id="place-q"' in page


def test_without_a_known_ward_nothing_is_preselected(client, world):
    version = _wards(world)
    client.force_login(world.citizen_user)
    page = client.get(f"/nop-truc-tuyen/{version.procedure.code}/").content.decode()
    assert _selected(page) == [""]  # "— choose the agency —", not the first ward
    answer = client.post(f"/nop-truc-tuyen/{version.procedure.code}/", {"place": ""})
    assert answer.status_code == 200 and 'id="id_place_error"' in answer.content.decode()


def test_the_list_is_searched_without_javascript(client, world):
    version = _wards(world)
    client.force_login(world.citizen_user)
    page = client.get(f"/nop-truc-tuyen/{version.procedure.code}/", {"q": "cua nam"}).content.decode()
    options = re.findall(r'<option value="(\d+)"', re.search(r'<select name="place".*?</select>', page, re.S).group(0))
    assert options == [str(world.city.wards[1].pk)]


def test_the_procedure_page_lists_every_agency_behind_the_total(client, world):
    version = _wards(world)
    page = client.get(f"/thu-tuc/{version.procedure.code}/").content.decode()
    assert 'id="more-places"' in page
    for name in ["Phường Hoàn Kiếm", "Phường Cửa Nam", *OTHER_WARDS]:
        assert name in page, name


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_agency_list_filters_as_one_types(live_server, live_world, browser):
    world = live_world
    version = _wards(world)
    world.citizen.address = "Số 5 ngõ 12 Đào Tấn, phường Ngọc Hà, Hà Nội"
    world.citizen.save(update_fields=["address"])
    page = log_in(browser, live_server.url, world.citizen_user.username)
    page.goto(f"{live_server.url}/nop-truc-tuyen/{version.procedure.code}/")
    expect(page.locator("#id_place option:checked")).to_have_text("Phường Ngọc Hà")
    expect(page.locator("[data-filter-button]")).to_be_hidden()
    page.fill("#place-q", "van mieu")
    visible = page.locator("#id_place option:not([hidden])")
    expect(visible).to_have_count(2)  # the match, and the ward chosen from the address
    texts = visible.all_inner_texts()
    assert "Phường Ngọc Hà" in texts and "Phường Văn Miếu - Quốc Tử Giám" in texts
    shot(page, "filing-places", mobile=True)
    page.locator("#id_place").select_option(label="Phường Văn Miếu - Quốc Tử Giám")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ho-so/\d+/thanh-phan/"))
