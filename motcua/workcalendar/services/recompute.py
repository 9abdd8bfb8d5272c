"""Bulk recomputation of deadlines when a calendar changes, and the hook point other apps plug into.

Another app (the dossiers) provides the deadlines it stores; :mod:`motcua.wiring.connect` connects it::

    class OpenDossierDeadlines:
        def deadlines(self, calendar_ids: frozenset[int]) -> Iterable[DeadlineInput]: ...
        def apply(self, dues: Mapping[Hashable, datetime]) -> None: ...

    deadline_providers.connect("dossiers.open", OpenDossierDeadlines())

When entries of calendar C change, ``recompute_deadlines`` asks every provider for the deadlines that may depend
on C or on a calendar derived from it (each item names the calendar it is counted in *now*), computes the new
due moments in bulk — vectorised for working days/hours without pauses — and hands them back to ``apply``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from motcua.core.hooks import Hook
from motcua.workcalendar.engine import VN_TZ, WorkCalendar
from motcua.workcalendar.models import Calendar
from motcua.workcalendar.selectors import work_calendar
from motcua.workcalendar.services.deadlines import (
    Amount,
    Pause,
    add_working_time,
    working_minutes,
)
from motcua.workcalendar.units import TimeUnit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeadlineInput:
    key: Hashable
    calendar_id: int
    start: dt.datetime
    amount: Amount
    unit: str
    pauses: tuple[Pause, ...] = ()
    #: The due moment stored now, so that a preview can count what a change would move.
    current: dt.datetime | None = None


class DeadlineProvider(Protocol):
    def deadlines(self, calendar_ids: frozenset[int]) -> Iterable[DeadlineInput]: ...

    def apply(self, dues: Mapping[Hashable, dt.datetime]) -> None: ...


#: Asked in order after a calendar change; a later provider sees the due moments an earlier one has just moved.
deadline_providers: Hook[DeadlineProvider] = Hook("workcalendar.deadline_providers")


_VECTOR_UNITS = frozenset({TimeUnit.WORKING_DAY.value, TimeUnit.WORKING_HOUR.value})


def bulk_due(*, calendar: WorkCalendar, items: Sequence[DeadlineInput]) -> dict[Hashable, dt.datetime]:
    """Due moments of many deadlines in one calendar. Same results as ``add_working_time`` one by one."""
    dues: dict[Hashable, dt.datetime] = {}
    keys: list[Hashable] = []
    starts: list[int] = []
    minutes: list[int] = []
    for item in items:
        amount = (
            working_minutes(amount=item.amount, unit=item.unit, calendar=calendar)
            if item.unit in _VECTOR_UNITS and not item.pauses and item.start.utcoffset() is not None
            else 0
        )
        if amount > 0:
            keys.append(item.key)
            starts.append(int(item.start.timestamp() // 60))
            minutes.append(amount)
        else:
            dues[item.key] = add_working_time(
                start=item.start,
                amount=item.amount,
                unit=item.unit,
                calendar=calendar,
                pauses=item.pauses,
            )
    if keys:
        result = calendar.bulk_add_minutes(np.asarray(starts, np.int64), np.asarray(minutes, np.int64))
        for key, minute in zip(keys, result.tolist(), strict=True):
            dues[key] = dt.datetime.fromtimestamp(minute * 60, VN_TZ)
    return dues


def _dependants(calendar_id: int) -> frozenset[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, base_id in Calendar.objects.values_list("pk", "base_id"):
        children[base_id].append(pk)
    found = {calendar_id}
    todo = [calendar_id]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def recompute_deadlines(*, calendar_id: int) -> dict[str, int]:
    """Recompute, through every registered provider, the deadlines counted in calendar ``calendar_id`` or in a
    calendar derived from it. Returns the number of deadlines recomputed per provider."""
    if not deadline_providers:
        return {}
    ids = _dependants(calendar_id)
    counts: dict[str, int] = {}
    calendars = Calendar.objects.in_bulk()
    for name, provider in deadline_providers.items():
        try:
            counts[name] = _recompute_one(name, provider, ids, calendars)
        except Exception:  # one provider's failure must not stop the others (the change is committed)
            log.exception("workcalendar: recomputing the deadlines of %s failed", name)
    return counts


def count_changes(*, calendar_id: int) -> dict[str, int]:
    """How many deadlines of each provider a recomputation would move (nothing is written)."""
    ids = _dependants(calendar_id)
    calendars = Calendar.objects.in_bulk()
    counts: dict[str, int] = {}
    for name, provider in deadline_providers.items():
        groups: dict[int, list[DeadlineInput]] = defaultdict(list)
        for item in provider.deadlines(ids):
            groups[item.calendar_id].append(item)
        moved = 0
        for cal_id, items in groups.items():
            if cal_id in calendars:
                dues = bulk_due(calendar=work_calendar(calendars[cal_id]), items=items)
                moved += sum(1 for item in items if dues.get(item.key) != item.current)
        counts[name] = moved
    return counts


def _recompute_one(
    name: str, provider: DeadlineProvider, ids: frozenset[int], calendars: Mapping[int, Calendar]
) -> int:
    groups: dict[int, list[DeadlineInput]] = defaultdict(list)
    for item in provider.deadlines(ids):
        groups[item.calendar_id].append(item)
    dues: dict[Hashable, dt.datetime] = {}
    for cal_id, items in groups.items():
        if cal_id not in calendars:
            log.warning("workcalendar: %s gave deadlines in unknown calendar %s", name, cal_id)
            continue
        dues.update(bulk_due(calendar=work_calendar(calendars[cal_id]), items=items))
    provider.apply(dues)
    log.info("workcalendar: recomputed %d deadlines of %s", len(dues), name)
    return len(dues)
