"""Properties of the deadline arithmetic over random starts, amounts and calendars (hypothesis), checked
against a slow day-by-day reference."""

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from motcua.workcalendar.engine import VN_TZ, OutOfRange, WorkCalendar
from motcua.workcalendar.services import add_working_time, working_time_between

FIRST, LAST = dt.date(2024, 1, 1), dt.date(2030, 12, 31)
HOUR = "working_hour"


def _t(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


@st.composite
def calendars(draw) -> WorkCalendar:
    ms = draw(st.integers(300, 600))
    me = ms + draw(st.integers(30, 300))
    as_ = me + draw(st.integers(0, 120))
    ae = as_ + draw(st.integers(30, min(300, 1440 - as_)))
    weekdays = draw(st.sets(st.integers(1, 7), min_size=2))
    some_days = st.dates(min_value=dt.date(2024, 6, 1), max_value=dt.date(2026, 6, 1))
    return WorkCalendar(
        key="random",
        first=FIRST,
        last=LAST,
        weekdays=weekdays,
        sessions=(_t(ms), _t(me), _t(as_), _t(ae)),
        days_off=draw(st.sets(some_days, max_size=40)),
        working_days=draw(st.sets(some_days, max_size=10)),
    )


starts = st.datetimes(
    min_value=dt.datetime(2024, 6, 1), max_value=dt.datetime(2025, 6, 1), timezones=st.just(VN_TZ)
).map(lambda d: d.replace(second=0, microsecond=0))
minutes = st.integers(min_value=1, max_value=60 * 480)


def add(cal: WorkCalendar, start: dt.datetime, amount_minutes: int) -> dt.datetime:
    try:
        return add_working_time(start=start, amount=Fraction(amount_minutes, 60), unit=HOUR, calendar=cal)
    except Exception as exc:
        assume(not isinstance(exc.__cause__, OutOfRange))
        raise


def sessions_of(cal: WorkCalendar, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    ms, me, as_, ae = cal.sessions
    return [
        (dt.datetime.combine(day, ms, VN_TZ), dt.datetime.combine(day, me, VN_TZ)),
        (dt.datetime.combine(day, as_, VN_TZ), dt.datetime.combine(day, ae, VN_TZ)),
    ]


def reference_add(cal: WorkCalendar, start: dt.datetime, amount: int) -> dt.datetime:
    """Walk the sessions one by one, consuming minutes; the due is where the last minute ends."""
    day = start.date()
    while True:
        if cal.is_working_day(day):
            for opens, closes in sessions_of(cal, day):
                begin = max(opens, start)
                if begin >= closes:
                    continue
                available = int((closes - begin).total_seconds() // 60)
                if amount <= available:
                    return begin + dt.timedelta(minutes=amount)
                amount -= available
        day += dt.timedelta(days=1)


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=starts, amount=st.integers(1, 20 * 480))
def test_same_as_walking_the_sessions_one_by_one(cal, start, amount):
    assert add(cal, start, amount) == reference_add(cal, start, amount)


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=starts, amount=minutes)
def test_the_due_is_a_working_moment_or_a_closing_time(cal, start, amount):
    due = add(cal, start, amount).astimezone(VN_TZ)
    assert cal.is_working_day(due.date())
    ms, me, as_, ae = cal.sessions
    t = due.time()
    assert ms < t <= me or as_ < t <= ae


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=starts, a=minutes, b=minutes)
def test_monotonic_in_the_amount(cal, start, a, b):
    low, high = sorted((a, b))
    assert add(cal, start, low) <= add(cal, start, high)


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=starts, amount=minutes)
def test_working_time_between_gives_back_the_amount(cal, start, amount):
    due = add(cal, start, amount)
    assert working_time_between(start=start, end=due, calendar=cal).minutes == amount
    assert working_time_between(start=due, end=start, calendar=cal).minutes == -amount


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), start=starts, d1=st.integers(0, 30 * 480), d2=minutes)
def test_adding_d1_then_d2_equals_adding_d1_plus_d2(cal, start, d1, d2):
    assert add(cal, add(cal, start, d1), d2) == add(cal, start, d1 + d2)


@settings(max_examples=150, deadline=None)
@given(
    cal=calendars(),
    start=starts,
    amount=minutes,
    cuts=st.lists(st.floats(min_value=0, max_value=1), min_size=2, max_size=8, unique=True),
)
def test_pauses_shift_the_due_by_exactly_their_working_time(cal, start, amount, cuts):
    due = add(cal, start, amount)
    span = due - start
    moments = sorted(start + span * f for f in cuts)
    pauses = list(zip(moments[0::2], moments[1::2], strict=False))
    paused = sum(working_time_between(start=a, end=b, calendar=cal).minutes for a, b in pauses)
    try:
        shifted = add_working_time(start=start, amount=Fraction(amount, 60), unit=HOUR, calendar=cal, pauses=pauses)
    except Exception as exc:
        assume(not isinstance(exc.__cause__, OutOfRange))
        raise
    assert working_time_between(start=due, end=shifted, calendar=cal).minutes == paused


@settings(max_examples=100, deadline=None)
@given(start=starts, halves=st.integers(0, 60))
def test_national_half_days_are_sessions(cal, start, halves):
    due = add_working_time(start=start, amount=Fraction(halves, 2), unit="working_day", calendar=cal)
    assert working_time_between(start=start, end=due, calendar=cal).minutes == halves * 240
