"""Calendars of agencies, entries and their effect, import, seeding, cache and the recompute hook."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core.errors import ValidationFailed
from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create
from motcua.workcalendar import loader, selectors, services
from motcua.workcalendar.models import Calendar, CalendarEntry, EntryKind
from motcua.workcalendar.services import DeadlineInput, add_working_time
from motcua.workcalendar.tests.conftest import vn

DAY = "working_day"


@pytest.fixture
def tree(national):
    province = agency_create(code="000.00.00.H26", name="UBND tỉnh", kind=AgencyKind.PROVINCE)
    department = agency_create(code="000.00.10.H26", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=province)
    office = agency_create(code="000.10.10.H26", name="Phòng", kind=AgencyKind.OTHER, parent=department)
    return province, department, office


def test_an_agency_without_a_calendar_uses_the_national_one(tree, national):
    assert selectors.calendar_for_agency(tree[2]) == national


def test_an_agency_uses_its_nearest_ancestors_calendar(tree):
    province, department, office = tree
    provincial = services.calendar_create(code="h26", name="Lịch tỉnh", agency=province)
    assert selectors.calendar_for_agency(office) == provincial
    own = services.calendar_create(code="h26-stp", name="Lịch Sở", agency=department)
    assert selectors.calendar_for_agency(office) == own
    assert selectors.calendar_for_agency(province) == provincial


def test_an_agency_calendar_inherits_the_national_entries_and_adds_its_own(tree, national):
    province = tree[0]
    provincial = services.calendar_create(code="h26", name="Lịch tỉnh", agency=province)
    assert provincial.base == national
    services.entry_create(calendar=provincial, date=dt.date(2025, 3, 5), kind="holiday", name="Lễ hội tỉnh")
    engine = selectors.work_calendar_for_agency(tree[2])
    assert not engine.is_working_day(dt.date(2025, 3, 5))
    assert not engine.is_working_day(dt.date(2025, 4, 30))  # national
    assert selectors.work_calendar(national).is_working_day(dt.date(2025, 3, 5))


def test_a_calendar_with_its_own_sessions_counts_its_own_day(tree):
    centre = services.calendar_create(
        code="h26-c",
        name="Trung tâm",
        agency=tree[0],
        morning_start=dt.time(8),
        morning_end=dt.time(12),
        afternoon_start=dt.time(13, 30),
        afternoon_end=dt.time(17, 30),
    )
    engine = selectors.work_calendar(centre)
    assert add_working_time(start=vn(2025, 3, 3, 8), amount=Decimal("0.5"), unit=DAY, calendar=engine) == vn(
        2025, 3, 3, 12
    )


def test_a_six_day_week_works_on_saturdays(tree):
    centre = services.calendar_create(code="h26-c", name="Trung tâm", agency=tree[0], working_weekdays="123456")
    engine = selectors.work_calendar(centre)
    assert engine.is_working_day(dt.date(2025, 3, 8))
    assert not engine.is_working_day(dt.date(2025, 3, 9))


def test_switching_an_entry_off_makes_the_day_ordinary_and_on_again_a_day_off(national):
    entry = CalendarEntry.objects.get(calendar=national, date=dt.date(2025, 5, 2))
    services.entry_set_active(entry=entry, active=False)
    assert selectors.work_calendar(national).is_working_day(dt.date(2025, 5, 2))
    services.entry_set_active(entry=entry, active=True)
    assert not selectors.work_calendar(national).is_working_day(dt.date(2025, 5, 2))


def test_a_switched_off_entry_also_cancels_the_computed_statutory_day(national):
    assert not selectors.work_calendar(national).is_working_day(dt.date(2027, 9, 2))  # computed
    services.entry_create(
        calendar=national, date=dt.date(2027, 9, 2), kind="holiday", name="Quốc khánh", is_active=False
    )
    assert selectors.work_calendar(national).is_working_day(dt.date(2027, 9, 2))


def test_an_agency_can_switch_off_locally_what_it_inherits_only_with_an_active_entry(tree, national):
    provincial = services.calendar_create(code="h26", name="Lịch tỉnh", agency=tree[0])
    services.entry_create(calendar=provincial, date=dt.date(2025, 5, 2), kind="swapped_working", name="Làm việc")
    assert selectors.work_calendar(provincial).is_working_day(dt.date(2025, 5, 2))
    assert not selectors.work_calendar(national).is_working_day(dt.date(2025, 5, 2))


def test_a_calendar_cannot_be_based_on_its_own_descendant(tree, national):
    provincial = services.calendar_create(code="h26", name="Lịch tỉnh", agency=tree[0])
    with pytest.raises(ValidationFailed) as err:
        services.calendar_update(calendar=national, base=provincial)
    assert err.value.code == "calendar_loop"


@pytest.mark.parametrize("weekdays", ["", "1238", "1123", "mon"])
def test_bad_working_weekdays_are_refused(national, weekdays):
    with pytest.raises(ValidationFailed):
        services.calendar_update(calendar=national, working_weekdays=weekdays)


def test_sessions_out_of_order_are_refused(national):
    with pytest.raises(ValidationFailed):
        services.calendar_update(calendar=national, morning_end=dt.time(14))


def test_two_entries_on_one_date_are_refused(national):
    with pytest.raises(ValidationFailed):
        services.entry_create(calendar=national, date=dt.date(2025, 5, 2), kind="holiday", name="x")


def test_an_unknown_kind_is_refused(national):
    with pytest.raises(ValidationFailed) as err:
        services.entry_create(calendar=national, date=dt.date(2025, 3, 3), kind="picnic", name="x")
    assert err.value.code == "unknown_kind"


def test_a_change_in_another_process_is_seen_through_the_revision(national, monkeypatch):
    engine = selectors.work_calendar(national)
    assert selectors.work_calendar(national) is engine  # cached
    # another process changes the calendar: the row changes, this process's cache is not told
    CalendarEntry.objects.create(calendar=national, date=dt.date(2025, 3, 5), kind="holiday", name="x")
    Calendar.objects.filter(pk=national.pk).update(revision=national.revision + 100)
    assert selectors.work_calendar(national) is engine  # checked at most every CHECK_SECONDS
    monkeypatch.setattr(loader._cache, "checked_at", float("-inf"))
    fresh = selectors.work_calendar(national)
    assert fresh is not engine
    assert not fresh.is_working_day(dt.date(2025, 3, 5))


class TestImport:
    HEADER = "date,kind,name,decision_no,decision_date,source,confirmed,active\n"

    def test_a_file_creates_and_updates_entries(self, national):
        text = self.HEADER + (
            "2027-01-01,holiday,Tết Dương lịch,1/QĐ,2026-12-01,test,yes,\n"
            "2025-05-02,swapped_off,Nghỉ hoán đổi (sửa),,,test,true,true\n"
        )
        result = services.entries_import(calendar=national, text=text)
        assert (result.created, result.updated) == (1, 1)
        assert CalendarEntry.objects.get(calendar=national, date=dt.date(2025, 5, 2)).name.endswith("(sửa)")
        entry = CalendarEntry.objects.get(calendar=national, date=dt.date(2027, 1, 1))
        assert entry.confirmed and entry.is_active and entry.decision_date == dt.date(2026, 12, 1)

    def test_a_wrong_line_refuses_the_whole_file_and_names_the_lines(self, national):
        before = CalendarEntry.objects.count()
        text = self.HEADER + (
            "2027-01-01,holiday,Tết,,,,,\n2027-13-01,holiday,x,,,,,\n2027-02-01,party,x,,,,,\n2027-01-01,holiday,y,,,,,\n"
        )
        with pytest.raises(ValidationFailed) as err:
            services.entries_import(calendar=national, text=text)
        assert set(err.value.fields) == {"line 3", "line 4", "line 5"}
        assert CalendarEntry.objects.count() == before

    def test_a_file_without_the_columns_is_refused(self, national):
        with pytest.raises(ValidationFailed) as err:
            services.entries_import(calendar=national, text="day,what\n2027-01-01,holiday\n")
        assert err.value.code == "bad_header"


def test_seeding_a_year_writes_its_statutory_days_unconfirmed(national):
    count = services.calendar_seed_statutory(calendar=national, year=2027)
    entries = CalendarEntry.objects.filter(calendar=national, date__year=2027)
    assert count == entries.count() >= 11
    assert not entries.filter(confirmed=True).exists()
    assert entries.filter(date=dt.date(2027, 2, 6), kind=EntryKind.HOLIDAY).exists()  # Tết 2027
    assert services.calendar_seed_statutory(calendar=national, year=2027) == 0


class Recorder:
    def __init__(self, items):
        self.items = items
        self.asked: list[frozenset[int]] = []
        self.received: dict = {}

    def deadlines(self, calendar_ids):
        self.asked.append(calendar_ids)
        return [item for item in self.items if item.calendar_id in calendar_ids]

    def apply(self, dues):
        self.received.update(dues)


def test_a_calendar_change_recomputes_the_registered_deadlines(national, django_capture_on_commit_callbacks):
    items = [
        DeadlineInput(key=1, calendar_id=national.pk, start=vn(2025, 3, 3, 9), amount=3, unit=DAY),
        DeadlineInput(key=2, calendar_id=national.pk, start=vn(2025, 3, 3, 9), amount=0, unit=DAY),
        DeadlineInput(
            key=3,
            calendar_id=national.pk,
            start=vn(2025, 3, 3, 9),
            amount=3,
            unit=DAY,
            pauses=((vn(2025, 3, 4, 9), vn(2025, 3, 5, 9)),),
        ),
        DeadlineInput(key=4, calendar_id=national.pk, start=vn(2025, 3, 3, 9), amount=1, unit="month"),
    ]
    provider = Recorder(items)
    with (
        services.deadline_providers.connected("test", provider),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.entry_create(calendar=national, date=dt.date(2025, 3, 5), kind="holiday", name="x")
    assert national.pk in provider.asked[0]
    assert provider.received == {
        1: vn(2025, 3, 7, 9),
        2: vn(2025, 3, 3, 9),
        3: vn(2025, 3, 7, 17),  # 09:00–17:00 on Tuesday paused (450 minutes)
        4: vn(2025, 4, 3, 17),
    }


def test_bulk_gives_the_same_dues_as_one_by_one(national):
    engine = selectors.work_calendar(national)
    starts = [vn(2025, 1, 1) + dt.timedelta(minutes=137 * i) for i in range(500)]
    items = [
        DeadlineInput(key=i, calendar_id=national.pk, start=s, amount=Decimal(i % 30) / 2 + 1, unit=DAY)
        for i, s in enumerate(starts)
    ]
    dues = services.bulk_due(calendar=engine, items=items)
    for item in items:
        assert dues[item.key] == add_working_time(start=item.start, amount=item.amount, unit=item.unit, calendar=engine)


class Broken:
    def deadlines(self, calendar_ids):
        raise RuntimeError("provider down")

    def apply(self, dues):
        raise AssertionError("not reached")


def test_a_failing_provider_does_not_stop_the_others(national):
    good = Recorder([DeadlineInput(key="a", calendar_id=national.pk, start=vn(2025, 3, 3, 9), amount=1, unit=DAY)])
    with (
        services.deadline_providers.connected("broken", Broken()),
        services.deadline_providers.connected("good", good),
    ):
        counts = services.recompute_deadlines(calendar_id=national.pk)
    assert counts.get("good") == 1
    assert "broken" not in counts
    assert good.received == {"a": vn(2025, 3, 4, 9)}
