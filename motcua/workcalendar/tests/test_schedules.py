"""The shipped national schedules 2019–2026, checked against the announcements (tables written by hand,
independently of the data file and of the `holidays` package)."""

import datetime as dt
import io

import pytest

from motcua.workcalendar import demo, selectors
from motcua.workcalendar.models import CalendarEntry, EntryKind
from motcua.workcalendar.services import entries_parse


def days(year: int, *month_days: str) -> set[dt.date]:
    return {dt.date(year, int(md[:2]), int(md[3:])) for md in month_days}


# Weekdays (Mon–Fri) on which state agencies were closed.
OFFICIAL_WEEKDAYS_OFF = {
    2019: days(2019, "01-01", "02-04", "02-05", "02-06", "02-07", "02-08", "04-15", "04-29", "04-30", "05-01", "09-02"),
    2020: days(2020, "01-01", "01-23", "01-24", "01-27", "01-28", "01-29", "04-02", "04-30", "05-01", "09-02"),
    2021: days(2021, "01-01", "02-10", "02-11", "02-12", "02-15", "02-16", "04-21", "04-30", "05-03", "09-02", "09-03"),
    2022: days(2022, "01-03", "01-31", "02-01", "02-02", "02-03", "02-04", "04-11", "05-02", "05-03", "09-01", "09-02"),
    2023: days(2023, "01-02", "01-20", "01-23", "01-24", "01-25", "01-26", "05-01", "05-02", "05-03", "09-01", "09-04"),
    2024: days(
        2024, "01-01", "02-08", "02-09", "02-12", "02-13", "02-14", "04-18", "04-29", "04-30", "05-01", "09-02", "09-03"
    ),
    2025: days(
        2025, "01-01", "01-27", "01-28", "01-29", "01-30", "01-31", "04-07", "04-30", "05-01", "05-02", "09-01", "09-02"
    ),
    2026: days(
        2026,
        "01-01",
        "01-02",
        "02-16",
        "02-17",
        "02-18",
        "02-19",
        "02-20",
        "04-27",
        "04-30",
        "05-01",
        "08-31",
        "09-01",
        "09-02",
    ),
}
# Saturdays worked in exchange for a weekday off.
OFFICIAL_SATURDAYS_WORKED = {
    2019: days(2019, "01-05", "05-04"),
    2020: set(),
    2021: set(),
    2022: set(),
    2023: set(),
    2024: days(2024, "05-04"),
    2025: days(2025, "04-26"),
    2026: days(2026, "01-10", "08-22"),
}


def _all_days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", sorted(OFFICIAL_WEEKDAYS_OFF))
def test_given_the_national_calendar_when_a_year_is_read_then_its_weekdays_off_are_the_official_ones(cal, year):
    weekdays_off = {d for d in _all_days(year) if d.isoweekday() <= 5 and not cal.is_working_day(d)}
    assert weekdays_off == OFFICIAL_WEEKDAYS_OFF[year]


@pytest.mark.parametrize("year", sorted(OFFICIAL_SATURDAYS_WORKED))
def test_given_the_national_calendar_when_a_year_is_read_then_only_the_swapped_saturdays_are_worked(cal, year):
    weekend_worked = {d for d in _all_days(year) if d.isoweekday() >= 6 and cal.is_working_day(d)}
    assert weekend_worked == OFFICIAL_SATURDAYS_WORKED[year]
    assert all(d.isoweekday() == 6 for d in weekend_worked)


def test_swap_of_new_year_2019_reaches_back_into_2018(cal):
    assert not cal.is_working_day(dt.date(2018, 12, 31))


def test_culture_day_2026_ships_switched_off_and_unconfirmed(national, cal):
    entry = CalendarEntry.objects.get(calendar=national, date=dt.date(2026, 11, 24))
    assert entry.is_active is False
    assert entry.confirmed is False
    assert cal.is_working_day(dt.date(2026, 11, 24))


def test_every_swap_pairs_a_weekday_off_with_a_saturday_worked(national):
    entries = CalendarEntry.objects.filter(calendar=national)
    off = [e.date for e in entries.filter(kind=EntryKind.SWAPPED_OFF)]
    worked = [e.date for e in entries.filter(kind=EntryKind.SWAPPED_WORKING)]
    assert len(off) == len(worked) == 6
    assert all(d.isoweekday() <= 5 for d in off)
    assert all(d.isoweekday() == 6 for d in worked)


def test_every_shipped_entry_has_a_source(national):
    assert not CalendarEntry.objects.filter(calendar=national, source="").exists()


def test_the_years_read_complete_no_computed_day_is_left(national, cal):
    for year in range(2019, 2027):
        assert [info for info in selectors.year_days(cal, year) if info.computed] == []


def test_demo_loader_is_idempotent(national):
    before = (CalendarEntry.objects.count(), type(national).objects.get(pk=national.pk).revision)
    out = io.StringIO()
    demo.load(out)
    after = (CalendarEntry.objects.count(), type(national).objects.get(pk=national.pk).revision)
    assert before == after
    assert "already loaded" in out.getvalue()


def test_the_schedule_file_parses():
    rows = entries_parse(demo.SCHEDULE_FILE.read_text(encoding="utf-8"))
    assert len(rows) == len({row["date"] for row in rows}) > 100
