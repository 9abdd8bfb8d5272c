"""Deadline arithmetic: the public functions other apps call. Typed, keyword-only, pure given a calendar.

``calendar`` may be a preloaded :class:`WorkCalendar` (fastest: take it once from
``selectors.work_calendar_for_agency``), a :class:`Calendar` row, or a calendar code.
"""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias

from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.workcalendar import selectors
from motcua.workcalendar.engine import VN_TZ, OutOfRange, WorkCalendar
from motcua.workcalendar.models import Calendar
from motcua.workcalendar.units import TimeUnit

Amount: TypeAlias = int | float | Decimal | Fraction
CalendarLike: TypeAlias = WorkCalendar | Calendar | str
Pause: TypeAlias = tuple[dt.datetime, dt.datetime]

#: RULES §4: a dossier received after this time is transferred the next working morning.
TRANSFER_CUTOFF = dt.time(15, 0)

_WORKING_DAY = TimeUnit.WORKING_DAY.value
_WORKING_HOUR = TimeUnit.WORKING_HOUR.value
_CALENDAR_DAY = TimeUnit.CALENDAR_DAY.value
_MONTH = TimeUnit.MONTH.value


@dataclass(frozen=True, slots=True)
class WorkingDuration:
    """Working time between two moments; negative when the second is earlier."""

    minutes: int
    minutes_per_day: int

    @property
    def days(self) -> Decimal:
        return (Decimal(self.minutes) / Decimal(self.minutes_per_day)).quantize(Decimal("0.01"))

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / Decimal(60)).quantize(Decimal("0.01"))


# --- validation ---------------------------------------------------------------------------------------
def _invalid(field: str, message: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(message, code=code, fields={field: message})


def _check_moment(value: object, field: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise _invalid(field, _("A date and time is required."))
    if value.utcoffset() is None:
        raise _invalid(
            field, _("The time has no UTC offset; give it as e.g. 2025-04-25T09:00:00+07:00."), "naive_datetime"
        )
    return value


def _fraction(amount: object) -> Fraction:
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal | Fraction):
        raise _invalid("amount", _("The amount must be a number."))
    if isinstance(amount, float | Decimal) and not math.isfinite(amount):
        raise _invalid("amount", _("The amount must be a finite number."))
    value = Fraction(str(amount)) if isinstance(amount, float) else Fraction(amount)
    if value < 0:
        raise _invalid("amount", _("The amount cannot be negative."), "negative_amount")
    return value


def working_minutes(*, amount: Amount, unit: str, calendar: WorkCalendar) -> int:
    """The office minutes of a working-time amount: days (in halves) or hours (rounded to the minute)."""
    if unit == _WORKING_DAY:
        if type(amount) is int and amount >= 0:
            return amount * calendar.minutes_per_day
        if type(amount) is Decimal and amount.is_finite() and amount >= 0:  # the API's type: a fast path
            halves = amount * 2
            if halves == halves.to_integral_value():
                return (int(halves) * calendar.minutes_per_day + 1) // 2
        if type(amount) is float and amount >= 0 and (amount * 2).is_integer():
            return (int(amount * 2) * calendar.minutes_per_day + 1) // 2
        value = _fraction(amount)
        if (value * 2).denominator != 1:
            raise _invalid("amount", _("A number of days must be a multiple of 0.5."), "not_half_days")
        return (int(value * 2) * calendar.minutes_per_day + 1) // 2  # half a minute rounds up
    if unit == _WORKING_HOUR:
        if type(amount) is int and amount >= 0:
            return amount * 60
        minutes = _fraction(amount) * 60
        return int(minutes + Fraction(1, 2))  # to the nearest minute, half a minute up
    raise _invalid("unit", _("This unit is not counted in working time."), "unknown_unit")


def _engine(calendar: CalendarLike) -> WorkCalendar:
    if type(calendar) is WorkCalendar:
        return calendar
    if isinstance(calendar, Calendar):
        return selectors.work_calendar(calendar)
    if isinstance(calendar, str):
        found = selectors.calendar_get(calendar)
        if found is not None:
            return selectors.work_calendar(found)
    raise _invalid("calendar", _("Unknown working calendar: %(cal)s.") % {"cal": calendar}, "unknown_calendar")


def _out_of_range(exc: OutOfRange) -> ValidationFailed:
    return ValidationFailed(
        _("The date is outside the years the working calendar covers (1990–2100)."),
        code="out_of_range",
        fields={"__all__": str(exc)},
    )


# --- the arithmetic ---------------------------------------------------------------------------------------
def _civil_due(engine: WorkCalendar, start: dt.datetime, amount: Amount, unit: str) -> dt.datetime:
    """Civil Code art. 147–148: count from the day after the event; a last day that is a day off moves to the
    next working day; the period ends at that day's closing time."""
    value = _fraction(amount)
    if value.denominator != 1:
        raise _invalid("amount", _("Calendar days and months are counted in whole numbers."), "not_whole")
    event_day = start.astimezone(VN_TZ).date()
    if unit == _CALENDAR_DAY:
        last = event_day + dt.timedelta(days=int(value))
    else:
        months = event_day.month - 1 + int(value)
        year, month = event_day.year + months // 12, months % 12 + 1
        if year > 9999:
            raise OutOfRange("beyond year 9999")
        last = dt.date(year, month, min(event_day.day, std_calendar.monthrange(year, month)[1]))
    due = engine.closing_of(engine.working_day_on_or_after(last))
    if due < start:  # zero days received after closing: the next working day
        due = engine.closing_of(engine.working_day_on_or_after(due.date() + dt.timedelta(days=1)))
    return due


def _merged_pauses(engine: WorkCalendar, pauses: Iterable[Pause], after: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pause in pauses:
        if not isinstance(pause, tuple | list) or len(pause) != 2:
            raise _invalid("pauses", _("Each pause is a pair (from, to)."))
        begin = _check_moment(pause[0], "pauses")
        end = _check_moment(pause[1], "pauses")
        if end < begin:
            raise _invalid("pauses", _("A pause cannot end before it starts."), "pause_reversed")
        spans.append((max(engine.position(begin), after), engine.position(end)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for begin_w, end_w in spans:
        if end_w <= begin_w:
            continue
        if merged and begin_w <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end_w))
        else:
            merged.append((begin_w, end_w))
    return merged


def _shift_by_pauses(engine: WorkCalendar, start_w: int, due_w: int, pauses: Iterable[Pause]) -> int:
    """Move the due position by the working time of each pause that begins before the (moving) due."""
    for begin_w, end_w in _merged_pauses(engine, pauses, start_w):
        if begin_w >= due_w:
            break
        due_w += end_w - begin_w
    return due_w


def add_working_time(
    *,
    start: dt.datetime,
    amount: Amount,
    unit: str,
    calendar: CalendarLike,
    pauses: Iterable[Pause] = (),
) -> dt.datetime:
    """The due moment of ``amount`` ``unit`` counted from ``start`` in ``calendar`` (aware, Vietnam time).

    Working days and hours are office minutes counted from the start moment (or from the next session's opening
    when it starts outside office hours); a due on a session boundary is the earlier closing time. Calendar days
    and months follow the civil-law rule. Each pause moves the due by the working time inside it.
    """
    engine = calendar if type(calendar) is WorkCalendar else _engine(calendar)
    if type(start) is not dt.datetime or start.utcoffset() is None:
        _check_moment(start, "start")
    try:
        if unit in (_WORKING_DAY, _WORKING_HOUR):
            minutes = working_minutes(amount=amount, unit=unit, calendar=engine)
            if not pauses:
                return engine.add_minutes(start, minutes)
            start_w = engine.position(start)
            return engine.moment(_shift_by_pauses(engine, start_w, start_w + minutes, pauses))
        if unit in (_CALENDAR_DAY, _MONTH):
            due = _civil_due(engine, start, amount, unit)
            if not pauses:
                return due
            start_w = engine.position(start)
            return engine.moment(_shift_by_pauses(engine, start_w, engine.position(due), pauses))
    except OutOfRange as exc:
        raise _out_of_range(exc) from exc
    raise _invalid("unit", _("Unknown time unit: %(unit)s.") % {"unit": unit}, "unknown_unit")


def working_time_between(*, start: dt.datetime, end: dt.datetime, calendar: CalendarLike) -> WorkingDuration:
    """Office minutes from ``start`` to ``end``; negative when ``end`` is earlier (e.g. returned early)."""
    engine = _engine(calendar)
    _check_moment(start, "start")
    _check_moment(end, "end")
    try:
        minutes = engine.position(end) - engine.position(start)
    except OutOfRange as exc:
        raise _out_of_range(exc) from exc
    return WorkingDuration(minutes=minutes, minutes_per_day=engine.minutes_per_day)


def transfer_deadline(
    *, received_at: dt.datetime, calendar: CalendarLike, cutoff: dt.time = TRANSFER_CUTOFF
) -> dt.datetime:
    """RULES §4: transfer to the handling agency the same working day (by its closing time), or by the end of
    the next working morning when received after ``cutoff`` (15:00). A dossier received on a day off or before
    opening counts as received at the next opening."""
    engine = _engine(calendar)
    _check_moment(received_at, "received_at")
    local = received_at.astimezone(VN_TZ)
    day = local.date()
    try:
        if not engine.is_working_day(day):
            return engine.closing_of(engine.working_day_on_or_after(day))
        if local.time().replace(second=0, microsecond=0) <= cutoff:
            return engine.closing_of(day)
        return engine.morning_closing_of(engine.working_day_on_or_after(day + dt.timedelta(days=1)))
    except OutOfRange as exc:
        raise _out_of_range(exc) from exc
