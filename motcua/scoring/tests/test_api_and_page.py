"""The API (units public, officials for leaders, inspectors and administrators of the scope) and the staff page."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.orgs.models import Role, StaffRole
from motcua.scoring.tests.helpers import handled, vn


@pytest.fixture
def decided(world):
    # early everywhere (2 on indicators 1, 2, 3, 7) and late (0 on 1, 2, 7; 2 on 3): 1.0, 1.0, 2.0, 1.0
    handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10))
    handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 15))
    return world


def inspector_of(agency):
    user = User.objects.create(username=f"tt-{agency.pk}", full_name="Thanh tra")
    StaffRole.objects.create(user=user, agency=agency, role=Role.INSPECTOR)
    return user


def test_the_units_are_public_with_numbers_as_json_numbers(client, decided):
    response = client.get("/api/v1/scoring/units", {"agency": decided.city.justice.code, "year": 2026, "quarter": 1})
    assert response.status_code == 200
    data = response.json()
    assert (data["agency"], data["year"], data["quarter"]) == (decided.city.justice.code, 2026, 1)
    unit = data["units"][0]
    assert unit["agency"] == decided.city.justice.code and unit["dossiers"] == 2
    assert [(i["number"], i["score"], i["status"]) for i in unit["indicators"]] == [
        (1, 1.0, "ok"), (2, 1.0, "ok"), (3, 2.0, "ok"), (4, None, "no_data"), (5, None, "no_data"),
        (6, None, "no_data"), (7, 1.0, "ok"), (8, None, "no_data"), (9, 0.0, "ok"),
    ]  # fmt: skip
    # 5.0 of 10 points → 9.0 of 18 → fair
    assert (unit["total"], unit["max_available"], unit["classification"]) == (5.0, 10, "fair")
    year = client.get("/api/v1/scoring/units", {"agency": decided.city.justice.code, "year": 2026}).json()
    assert year["quarter"] is None and year["units"][0]["dossiers"] == 2


def test_unknown_agency_is_404_and_a_bad_period_422(client, decided):
    assert client.get("/api/v1/scoring/units", {"agency": "000.00.99.H99", "year": 2026}).status_code == 404
    for params in ({"year": 1999}, {"year": 2026, "quarter": 5}, {"year": 2026, "quarter": 0}, {"year": "x"}):
        response = client.get("/api/v1/scoring/units", {"agency": decided.city.justice.code, **params})
        assert response.status_code == 422, params
        assert response.json()["code"] == "invalid"


def test_officials_need_a_reader_of_the_scope(client, decided):
    url, params = "/api/v1/scoring/officials", {"agency": decided.city.justice.code, "year": 2026, "quarter": 1}
    assert client.get(url, params).status_code == 401
    client.force_login(decided.desk)  # a desk officer reads no evaluation
    assert client.get(url, params).status_code == 403
    client.force_login(decided.leader)  # director of Sở Tư pháp: its subtree, not the province
    response = client.get(url, params)
    assert response.status_code == 200
    officials = {o["username"]: o for o in response.json()["officials"]}
    assert set(officials) == {decided.desk.username, decided.specialist.username, decided.leader.username}
    leader = officials[decided.leader.username]
    assert [i["number"] for i in leader["indicators"]] == [1, 2, 3, 4, 7]
    assert (leader["total"], leader["max_available"], leader["classification"]) == (5.0, 8, "done_100")
    assert client.get(url, {**params, "agency": decided.city.province.code}).status_code == 403
    client.force_login(inspector_of(decided.city.province))  # an inspector of the province reads down the tree
    assert client.get(url, params).status_code == 200


def test_the_page_for_a_leader_with_vietnamese_numbers(client, decided):
    client.force_login(decided.leader)
    page = client.get("/staff/danh-gia/", {"year": 2026, "quarter": 1})
    assert page.status_code == 200
    body = page.content.decode()
    assert decided.city.justice.name in body
    assert "<strong>5,0</strong></td>" in body  # the unit's total, comma decimal
    assert 'aria-current="page"' in body
    officials = client.get("/staff/danh-gia/", {"year": 2026, "quarter": 1, "tab": "officials"})
    assert decided.specialist.get_full_name() in officials.content.decode()
    partial = client.get(
        "/staff/danh-gia/", {"year": 2026, "tab": "units"}, headers={"HX-Request": "true", "HX-Target": "scores"}
    )
    assert partial.status_code == 200 and "<html" not in partial.content.decode()


def test_the_page_is_for_readers_of_the_scope_only(client, decided):
    assert client.get("/staff/danh-gia/").status_code == 302  # to the staff login
    client.force_login(decided.specialist)
    assert client.get("/staff/danh-gia/").status_code == 403
    client.force_login(decided.leader)
    assert client.get("/staff/danh-gia/", {"agency": decided.city.province.code}).status_code == 403
    client.force_login(inspector_of(decided.city.province))
    assert client.get("/staff/danh-gia/", {"agency": decided.city.justice.code, "year": 2026}).status_code == 200


def test_a_system_administrator_reads_everywhere(client, decided):
    admin = User.objects.create(username="quantri", full_name="Quản trị hệ thống", is_superuser=True)
    client.force_login(admin)
    params = {"agency": decided.city.province.code, "year": 2026}
    assert client.get("/api/v1/scoring/officials", params).status_code == 200
    assert client.get("/staff/danh-gia/", params).status_code == 200
