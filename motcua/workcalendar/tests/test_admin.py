"""The admin: a year's month grid with its sources, and edits that go through the services."""

import datetime as dt

import pytest

from motcua.workcalendar import selectors
from motcua.workcalendar.models import Calendar, CalendarEntry


@pytest.fixture
def admin_client(client, django_user_model, national):
    user = django_user_model.objects.create_superuser(username="root", password="x-secret-1", email="r@x.vn")
    client.force_login(user)
    return client


def test_the_year_page_shows_the_month_grid_with_swaps_and_sources(admin_client, national):
    response = admin_client.get(f"/admin/workcalendar/calendar/{national.pk}/year/2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="wc-month"') == 12
    assert "wc-swapwork" in html and "wc-off" in html
    assert "Làm bù cho thứ Sáu 02/05/2025" in html
    assert "6150/TB-BLĐTBXH" in html


def test_the_year_page_shows_switched_off_entries(admin_client, national):
    html = admin_client.get(f"/admin/workcalendar/calendar/{national.pk}/year/2026/").content.decode()
    assert "Ngày Văn hóa Việt Nam" in html and "wc-switched" in html


def test_the_year_page_needs_staff(client, national):
    response = client.get(f"/admin/workcalendar/calendar/{national.pk}/year/2025/")
    assert response.status_code == 302


def test_adding_an_entry_in_the_admin_changes_the_calendar(admin_client, national):
    revision = national.revision
    response = admin_client.post(
        "/admin/workcalendar/calendarentry/add/",
        {
            "calendar": national.pk,
            "date": "2025-03-05",
            "kind": "holiday",
            "name": "Nghỉ đột xuất",
            "decision_no": "",
            "decision_date": "",
            "source": "test",
            "confirmed": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarEntry.objects.filter(calendar=national, date=dt.date(2025, 3, 5)).exists()
    assert Calendar.objects.get(pk=national.pk).revision > revision
    assert not selectors.work_calendar(national).is_working_day(dt.date(2025, 3, 5))


def test_switching_off_from_the_list(admin_client, national):
    entry = CalendarEntry.objects.get(calendar=national, date=dt.date(2025, 5, 2))
    admin_client.post(
        "/admin/workcalendar/calendarentry/",
        {"action": "switch_off", "_selected_action": [entry.pk]},
    )
    assert selectors.work_calendar(national).is_working_day(dt.date(2025, 5, 2))


def test_the_lists_and_forms_render(admin_client, national):
    assert admin_client.get("/admin/workcalendar/calendar/").status_code == 200
    assert admin_client.get(f"/admin/workcalendar/calendar/{national.pk}/change/").status_code == 200
    assert admin_client.get("/admin/workcalendar/calendarentry/add/").status_code == 200
    assert admin_client.get("/admin/workcalendar/calendarentry/?date__year=2025").status_code == 200
