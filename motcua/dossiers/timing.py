"""Deadlines of a dossier and its steps, and whether something was early, on time or late.

All arithmetic is delegated to ``workcalendar``; the calendar is the receiving desk's (DESIGN §Time), except
for a consultation step at another agency, which runs on that agency's calendar.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol, TypeVar

from django.db.models import Q

from motcua.core import clock
from motcua.core.sqlvendor import local_date_sql
from motcua.dossiers.workflow import AWAITING_RESULT, CLOCK_STATES
from motcua.orgs.models import Agency
from motcua.workcalendar.engine import OutOfRange, WorkCalendar
from motcua.workcalendar.selectors import work_calendar_for_agency
from motcua.workcalendar.services.deadlines import add_working_time, working_time_between

__all__ = ["add_working_time", "working_time_between"]
from motcua.workcalendar.units import TimeUnit

Interval = tuple[dt.datetime, dt.datetime]

EARLY, ON_TIME, LATE = "early", "on_time", "late"
#: An open item not late yet whose due moment comes before ``soon`` (the back office's next working day).
AT_RISK = "at_risk"


_calendars: dict[int, tuple[float, WorkCalendar]] = {}
CALENDAR_TTL_SECONDS = 2.0  # the staleness the working-calendar cache itself allows


def calendar_for(agency: Agency) -> WorkCalendar:
    """The preloaded calendar ``agency`` counts in; which calendar that is, is remembered for 2 seconds."""
    hit = _calendars.get(agency.pk)
    now = time.monotonic()
    if hit is not None and now - hit[0] < CALENDAR_TTL_SECONDS:
        return hit[1]
    calendar = work_calendar_for_agency(agency)
    _calendars[agency.pk] = (now, calendar)
    return calendar


def clear_calendar_cache() -> None:
    _calendars.clear()


def add_minutes(
    start: dt.datetime, minutes: int, calendar: WorkCalendar, pauses: Iterable[Interval] = ()
) -> dt.datetime:
    return add_working_time(
        start=start, amount=Fraction(minutes, 60), unit=TimeUnit.WORKING_HOUR, calendar=calendar, pauses=list(pauses)
    )


def is_working_moment(moment: dt.datetime, calendar: WorkCalendar) -> bool:
    """``moment`` falls on a working day of ``calendar``, within its morning or afternoon session."""
    local = moment.astimezone(clock.VN_TZ)
    try:
        if not calendar.is_working_day(local.date()):
            return False
    except OutOfRange:
        return False
    ms, me, as_, ae = calendar.sessions
    t = local.time()
    return ms <= t <= me or as_ <= t <= ae


def working_minutes_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> int:
    return working_time_between(start=start, end=end, calendar=calendar).minutes


def classify(finished_at: dt.datetime | None, due_at: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """Early: finished on a day before the due day; on time: by the due moment; late: after it.

    An unfinished item is judged at ``now``: late once the due moment has passed, otherwise on time.
    """
    if due_at is None:
        return ON_TIME
    moment = finished_at or (now or clock.now())
    if moment > due_at:
        return LATE
    if finished_at is not None and finished_at.astimezone(clock.VN_TZ).date() < due_at.astimezone(clock.VN_TZ).date():
        return EARLY
    return ON_TIME


def classify_sql(finished: str, due: str) -> str:
    """:func:`classify` of a finished item as an SQL expression over the columns ``finished`` and ``due`` (both
    set), giving ``'early'``, ``'on_time'`` or ``'late'``: the same rule, for readers that judge many rows at once
    (the TT 01 step indicator). A test checks that both agree on both databases."""
    return (
        f"CASE WHEN {finished} > {due} THEN '{LATE}' "
        f"WHEN {local_date_sql(finished)} < {local_date_sql(due)} THEN '{EARLY}' ELSE '{ON_TIME}' END"
    )


def clock_runs(state: str) -> bool:
    """Processing has not ended and the legal clock runs or is paused (``workflow.CLOCK_STATES``)."""
    return state in CLOCK_STATES


def open_timeliness(due_at: dt.datetime | None, *, now: dt.datetime, soon: dt.datetime) -> str:
    """An unfinished item judged by :func:`classify` at ``now``; not late yet but late by ``soon``: at risk.

    Empty without a due moment (nothing to judge)."""
    if due_at is None:
        return ""
    if classify(None, due_at, now=now) == LATE:
        return LATE
    return AT_RISK if classify(None, due_at, now=soon) == LATE else ON_TIME


def dossier_timeliness(
    *, state: str, due_at: dt.datetime | None, decided_at: dt.datetime | None, now: dt.datetime, soon: dt.datetime
) -> str:
    """A dossier's timeliness as its page shows it: judged at ``now`` while its clock runs or is paused
    (``workflow.CLOCK_STATES``), by its decision once decided, otherwise nothing."""
    if clock_runs(state):
        return open_timeliness(due_at, now=now, soon=soon)
    return classify(decided_at, due_at) if decided_at else ""


def clock_runs_q(prefix: str = "") -> Q:
    """The dossiers (``prefix`` to reach them from a related model) still judged against their due moment."""
    return Q(**{f"{prefix}state__in": CLOCK_STATES})


def open_late_q(now: dt.datetime, prefix: str = "") -> Q:
    """The dossiers :func:`open_timeliness` calls late at ``now``: clock running or paused, due moment passed."""
    return clock_runs_q(prefix) & Q(**{f"{prefix}due_at__lt": now})


def open_due_between_q(start: dt.datetime, end: dt.datetime, prefix: str = "") -> Q:
    """The dossiers whose clock runs or is paused and whose due moment falls in [start, end) (at risk when
    ``start`` is now and ``end`` is soon)."""
    return clock_runs_q(prefix) & Q(**{f"{prefix}due_at__gte": start, f"{prefix}due_at__lt": end})


class StepLike(Protocol):
    position: int
    parallel_group: str
    duration_minutes: int
    due_at: dt.datetime | None


S = TypeVar("S", bound=StepLike)


def groups(steps: Sequence[S]) -> list[list[S]]:
    """Consecutive steps sharing a non-empty parallel group run side by side."""
    found: list[list[S]] = []
    for step in steps:
        if found and step.parallel_group and found[-1][0].parallel_group == step.parallel_group:
            found[-1].append(step)
        else:
            found.append([step])
    return found


def schedule(steps: Sequence[StepLike], start: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """Set each step's ``due_at`` from ``start``: a group starts when the previous one ends (its longest step).

    Returns the end of the last group.
    """
    cursor = start
    for group in groups(steps):
        ends = []
        for step in group:
            step.due_at = add_minutes(cursor, step.duration_minutes, calendar)
            ends.append(step.due_at)
        cursor = max(ends)
    return cursor


def appointment_overdue(state: str, appointment_at: dt.datetime | None, now: dt.datetime) -> bool:
    """The appointment has passed while the agency still owes the result (``workflow.AWAITING_RESULT``)."""
    return bool(appointment_at and appointment_at < now and state in AWAITING_RESULT)
