"""The public calendar API: /api/v1/calendar/deadline and /api/v1/calendar/days."""

import pytest

from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create
from motcua.workcalendar import services

URL = "/api/v1/calendar"


@pytest.fixture
def api(client, national):
    return client


@pytest.mark.parametrize(
    ("days", "due"),
    [("3", "2025-04-29T09:00:00+07:00"), ("4", "2025-05-05T09:00:00+07:00")],
)
def test_deadline_in_working_days(api, days, due):
    response = api.get(f"{URL}/deadline", {"start": "2025-04-25T09:00:00+07:00", "days": days})
    assert response.status_code == 200
    assert response.json() == {"due": due, "working_minutes": int(days) * 480}


def test_deadline_in_hours_and_from_another_offset(api):
    response = api.get(f"{URL}/deadline", {"start": "2025-04-25T02:00:00Z", "hours": "1.5"})
    assert response.json() == {"due": "2025-04-25T10:30:00+07:00", "working_minutes": 90}


def test_deadline_of_an_agency_with_its_own_calendar(api, national):
    province = agency_create(code="000.00.00.H26", name="UBND tỉnh", kind=AgencyKind.PROVINCE)
    provincial = services.calendar_create(code="h26", name="Lịch tỉnh", agency=province)
    services.entry_create(calendar=provincial, date="2025-04-28", kind="holiday", name="Lễ hội")
    response = api.get(
        f"{URL}/deadline", {"start": "2025-04-25T09:00:00+07:00", "days": "3", "agency": "000.00.00.H26"}
    )
    assert response.json()["due"] == "2025-05-05T09:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2025-04-25T09:00:00", "days": "3"}, "start"),  # no offset
        ({"start": "1745546400", "days": "3"}, "start"),  # not ISO 8601
        ({"start": "2025-04-25T09:00:00+07:00", "days": "0.3"}, "days"),
        ({"start": "2025-04-25T09:00:00+07:00", "days": "-1"}, "days"),
        ({"start": "2025-04-25T09:00:00+07:00", "days": "NaN"}, "days"),
        ({"start": "2025-04-25T09:00:00+07:00", "hours": "-0.5"}, "hours"),
        ({"start": "2025-04-25T09:00:00+07:00"}, "days"),
        ({"start": "2025-04-25T09:00:00+07:00", "days": "1", "hours": "1"}, "hours"),
        ({"start": "1980-04-25T09:00:00+07:00", "days": "1"}, "start"),  # before the calendar's years
        ({"start": "2100-12-30T09:00:00+07:00", "days": "100"}, "start"),  # the due moment would be after them
        ({"start": "2025-04-25T09:00:00+07:00", "days": "2000.5"}, "days"),  # longer than any legal limit
    ],
)
def test_bad_deadline_requests_are_422_with_the_field(api, params, field):
    response = api.get(f"{URL}/deadline", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] in {"invalid", "days_or_hours", "out_of_range"}
    assert field in body["fields"]


def test_unknown_agency_is_404(api):
    response = api.get(f"{URL}/deadline", {"start": "2025-04-25T09:00:00+07:00", "days": "1", "agency": "x"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_days_of_2025(api):
    response = api.get(f"{URL}/days", {"year": 2025})
    assert response.status_code == 200
    days = {d["date"]: d for d in response.json()}
    assert days["2025-04-26"] == {
        "date": "2025-04-26",
        "working": True,
        "kind": "swapped_working",
        "reason": "Làm bù cho thứ Sáu 02/05/2025",
        "decision_no": "",
    }
    assert days["2025-05-02"]["working"] is False and days["2025-05-02"]["kind"] == "swapped_off"
    assert days["2025-02-01"]["kind"] == "holiday"  # Tết on a Saturday is still listed
    assert "2025-03-03" not in days
    assert list(days) == sorted(days)


def test_days_of_2026_leave_out_the_switched_off_culture_day(api):
    days = {d["date"] for d in api.get(f"{URL}/days", {"year": 2026}).json()}
    assert "2026-11-24" not in days and "2026-01-10" in days


def test_days_of_a_future_year_come_from_the_statutory_rules(api):
    days = {d["date"]: d for d in api.get(f"{URL}/days", {"year": 2030}).json()}
    assert days["2030-02-04"]["kind"] == "holiday"  # Tết 2030 (mùng 2)
    assert days["2030-09-02"]["working"] is False


@pytest.mark.parametrize("year", ["1989", "2101", "abc", ""])
def test_days_of_a_year_out_of_range_is_422(api, year):
    assert api.get(f"{URL}/days", {"year": year}).status_code == 422


def test_without_any_national_calendar_the_statutory_rules_still_answer(client, db):
    response = client.get(f"{URL}/deadline", {"start": "2025-04-25T09:00:00+07:00", "days": "3"})
    # no schedule known: Saturday 26/04 is not worked, Friday 02/05 is
    assert response.json()["due"] == "2025-05-02T09:00:00+07:00"


def test_the_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    deadline = schema["paths"]["/api/v1/calendar/deadline"]["get"]
    assert {"200", "404", "422"} <= set(deadline["responses"])
    assert {p["name"] for p in deadline["parameters"]} == {"start", "days", "hours", "agency"}
    assert "/api/v1/calendar/days" in schema["paths"]
