"""Builds the in-memory :class:`WorkCalendar` of a calendar from the database, and keeps them cached.

The days of a calendar are resolved once, here: for each date the nearest *active* entry along the chain
calendar → base → base's base … decides; when only switched-off entries exist on a date, the date is ordinary;
otherwise a computed statutory holiday applies (when the calendar uses them); otherwise the weekly pattern.

Cache: one engine per calendar per process. A change made through the services invalidates this process at
once; other processes notice within ``CHECK_SECONDS`` by comparing the calendars' ``revision`` numbers (one
small query at most every ``CHECK_SECONDS``).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from motcua.workcalendar.engine import WorkCalendar
from motcua.workcalendar.models import NATIONAL_CODE, WORKING_KINDS, Calendar, CalendarEntry, EntryKind
from motcua.workcalendar.statutory import FIRST_YEAR, LAST_YEAR, legal_basis, statutory_days

FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(LAST_YEAR, 12, 31)
CHECK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class DayInfo:
    """A non-ordinary day of a calendar (or a switched-off entry, ``active`` False)."""

    date: dt.date
    working: bool
    kind: str
    reason: str
    decision_no: str = ""
    decision_date: dt.date | None = None
    source: str = ""
    confirmed: bool = True
    active: bool = True
    computed: bool = False
    calendar_code: str = ""


def _chain(calendar: Calendar) -> list[Calendar]:
    chain: list[Calendar] = []
    seen: set[int] = set()
    node: Calendar | None = calendar
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node)
        node = node.base
    return chain


def _weekdays(calendar: Calendar) -> frozenset[int]:
    return frozenset(int(c) for c in calendar.working_weekdays if c.isdigit() and 1 <= int(c) <= 7)


def _entry_info(entry: CalendarEntry, code: str, *, active: bool, ordinary_working: bool) -> DayInfo:
    return DayInfo(
        date=entry.date,
        working=(entry.kind in WORKING_KINDS) if active else ordinary_working,
        kind=entry.kind,
        reason=entry.name,
        decision_no=entry.decision_no,
        decision_date=entry.decision_date,
        source=entry.source,
        confirmed=entry.confirmed,
        active=active,
        calendar_code=code,
    )


def resolve_days(calendar: Calendar, *, entries: bool = True) -> dict[dt.date, DayInfo]:
    """Every non-ordinary day of ``calendar`` (and its switched-off entries), by date."""
    chain = _chain(calendar) if entries else []
    week = _weekdays(calendar)
    days: dict[dt.date, DayInfo] = {}
    if calendar.statutory_holidays:
        for day, stat in statutory_days().items():
            kind = EntryKind.COMPENSATORY if stat.compensatory else EntryKind.HOLIDAY
            days[day] = DayInfo(
                date=day,
                working=False,
                kind=kind,
                reason=stat.name,
                source=legal_basis(day.year),
                computed=True,
            )
    order = {cal.pk: i for i, cal in enumerate(chain)}
    codes = {cal.pk: cal.code for cal in chain}
    by_date: dict[dt.date, list[CalendarEntry]] = defaultdict(list)
    for entry in CalendarEntry.objects.filter(calendar_id__in=order).order_by("date"):
        by_date[entry.date].append(entry)
    for day, found in by_date.items():
        found.sort(key=lambda e: order[e.calendar_id])
        active = next((e for e in found if e.is_active), None)
        chosen = active or found[0]
        days[day] = _entry_info(
            chosen,
            codes[chosen.calendar_id],
            active=active is not None,
            ordinary_working=day.isoweekday() in week,
        )
    return days


def build_engine(calendar: Calendar, *, entries: bool = True) -> WorkCalendar:
    days = resolve_days(calendar, entries=entries)
    active = [info for info in days.values() if info.active and FIRST_DAY <= info.date <= LAST_DAY]
    return WorkCalendar(
        key=calendar.code,
        first=FIRST_DAY,
        last=LAST_DAY,
        weekdays=_weekdays(calendar) or {1, 2, 3, 4, 5},
        sessions=(
            calendar.morning_start,
            calendar.morning_end,
            calendar.afternoon_start,
            calendar.afternoon_end,
        ),
        days_off=[info.date for info in active if not info.working],
        working_days=[info.date for info in active if info.working],
        revision=calendar.revision,
        notes=days,
    )


class _Cache:
    def __init__(self) -> None:
        self.engines: dict[int, WorkCalendar] = {}
        self.signature: tuple[tuple[int, int], ...] | None = None
        self.checked_at = float("-inf")
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.engines = {}
            self.signature = None
            self.checked_at = float("-inf")

    def refresh_if_stale(self) -> None:
        now = time.monotonic()
        if now - self.checked_at < CHECK_SECONDS:
            return
        signature = tuple(Calendar.objects.order_by("pk").values_list("pk", "revision"))
        with self.lock:
            if signature != self.signature:
                self.engines = {}
                self.signature = signature
            self.checked_at = now


_cache = _Cache()


def engine_for(calendar: Calendar) -> WorkCalendar:
    """The preloaded engine of ``calendar`` (cached; rebuilt after any change)."""
    _cache.refresh_if_stale()
    engine = _cache.engines.get(calendar.pk)
    if engine is None:
        engine = build_engine(Calendar.objects.select_related("base").get(pk=calendar.pk))
        with _cache.lock:
            _cache.engines[calendar.pk] = engine
    return engine


@lru_cache(maxsize=1)
def default_engine() -> WorkCalendar:
    """The national rules without any database entry (statutory holidays, Monday–Friday, default sessions):
    used when no national calendar has been created yet."""
    return build_engine(Calendar(code=NATIONAL_CODE, name=NATIONAL_CODE), entries=False)


def invalidate() -> None:
    """Forget every cached engine of this process (the services call it on every change)."""
    _cache.clear()
