"""The deadline arithmetic on one preloaded calendar. Pure Python + numpy: no database, no clock.

Representation. Every day from ``first`` to ``last`` has an index ``k``; ``before[k]`` counts the working days
strictly before it and ``work[k]`` says whether it is one. Every working day has the same sessions (a swapped
working Saturday uses the weekday sessions), so a moment's *working position* — the office minutes elapsed
since the opening of the first working day — is ``before[k] * M + f(minute of day)`` with ``M`` the minutes of
a working day and ``f`` the minutes already worked that day. Adding working time is adding to the position;
turning a position back into a moment is a ``divmod`` and one list lookup. No loop over days, no bisect.

Conventions: moments are taken to the minute (seconds are dropped); a position that falls on a session boundary
is reported as the earlier closing time (17:00, not 07:30 the next day; 11:30, not 13:00). Asia/Ho_Chi_Minh has
been UTC+07:00 without daylight saving since 1975, so local minutes are UTC minutes + 420.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MINUTES_PER_DAY = 1440
OFFSET_MINUTES = 420  # UTC+07:00
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_MINUTE_DELTAS = [dt.timedelta(minutes=m) for m in range(MINUTES_PER_DAY + 1)]

IntArray = npt.NDArray[np.int64]


class OutOfRange(ValueError):
    """A moment or a result outside the years the calendar covers."""


def minute_of(time: dt.time) -> int:
    return time.hour * 60 + time.minute


class WorkCalendar:
    """An immutable, preloaded working calendar. Build it once; share it between threads."""

    def __init__(
        self,
        *,
        key: str,
        first: dt.date,
        last: dt.date,
        weekdays: Iterable[int],
        sessions: tuple[dt.time, dt.time, dt.time, dt.time],
        days_off: Iterable[dt.date] = (),
        working_days: Iterable[dt.date] = (),
        revision: Any = None,
        notes: Mapping[dt.date, Any] | None = None,
    ) -> None:
        ms, me, as_, ae = (minute_of(t) for t in sessions)
        if not (0 <= ms < me <= as_ < ae <= MINUTES_PER_DAY):
            raise ValueError("sessions must be in order: morning opens < closes <= afternoon opens < closes")
        week = frozenset(weekdays)
        if not week or not week <= set(range(1, 8)):
            raise ValueError("weekdays must be ISO weekday numbers 1..7")
        self.key = key
        self.revision = revision
        #: What the loader knows about each non-ordinary day (kind, reason, decision …), for listings.
        self.notes: Mapping[dt.date, Any] = notes or {}
        self.first = first
        self.last = last
        self.weekdays = week
        self.sessions = sessions
        self._ms, self._me, self._as, self._ae = ms, me, as_, ae
        self.morning_minutes = me - ms
        self.minutes_per_day = (me - ms) + (ae - as_)
        self._first_ord = first.toordinal()
        off = {d.toordinal() for d in days_off}
        on = {d.toordinal() for d in working_days}
        n = last.toordinal() - self._first_ord + 1
        before = [0] * (n + 1)
        work = [False] * n
        ords: list[int] = []
        for k in range(n):
            o = self._first_ord + k
            is_work = o in on or ((o - 1) % 7 + 1 in week and o not in off)
            work[k] = is_work
            before[k] = len(ords)
            if is_work:
                ords.append(o)
        before[n] = len(ords)
        self._before = before
        self._work = work
        self._ords = ords
        self._midnights = [dt.datetime.combine(dt.date.fromordinal(o), dt.time(), VN_TZ) for o in ords]
        self._np: tuple[IntArray, IntArray, IntArray] | None = None

    def __repr__(self) -> str:
        return f"<WorkCalendar {self.key} {self.first.year}–{self.last.year} rev={self.revision}>"

    # --- days -------------------------------------------------------------------------------------------
    def _index(self, day: dt.date) -> int:
        k = day.toordinal() - self._first_ord
        if not 0 <= k < len(self._work):
            raise OutOfRange(f"{day.isoformat()} is outside {self.first.year}–{self.last.year}")
        return k

    def is_working_day(self, day: dt.date) -> bool:
        return self._work[self._index(day)]

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        i = self._before[self._index(day)]
        if i >= len(self._ords):
            raise OutOfRange(f"no working day after {day.isoformat()} before {self.last.year + 1}")
        return dt.date.fromordinal(self._ords[i])

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days in [first, last]."""
        return self._before[self._index(last) + 1] - self._before[self._index(first)]

    def closing_of(self, day: dt.date) -> dt.datetime:
        """The afternoon closing time of ``day``."""
        return dt.datetime.combine(day, self.sessions[3], VN_TZ)

    def morning_closing_of(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.sessions[1], VN_TZ)

    # --- positions --------------------------------------------------------------------------------------
    def position(self, moment: dt.datetime) -> int:
        """Office minutes from the calendar's first opening to ``moment`` (aware)."""
        local = int(moment.timestamp() // 60) + OFFSET_MINUTES
        day, m = divmod(local, MINUTES_PER_DAY)
        k = day + EPOCH_ORDINAL - self._first_ord
        if not 0 <= k < len(self._work):
            raise OutOfRange(f"{moment.isoformat()} is outside {self.first.year}–{self.last.year}")
        w = self._before[k] * self.minutes_per_day
        if not self._work[k] or m <= self._ms:
            return w
        if m < self._me:
            return w + m - self._ms
        if m <= self._as:
            return w + self.morning_minutes
        if m < self._ae:
            return w + self.morning_minutes + m - self._as
        return w + self.minutes_per_day

    def moment(self, w: int, *, opening: bool = False) -> dt.datetime:
        """The moment at working position ``w``: a boundary is the earlier closing time, or the later
        opening time when ``opening``."""
        i, r = divmod(w, self.minutes_per_day)
        if opening:
            if r == self.morning_minutes:
                return self._at(i, self._as)
        elif r == 0:
            i -= 1
            r = self.minutes_per_day
        return self._at(i, self._ms + r if r <= self.morning_minutes else self._as + r - self.morning_minutes)

    def _at(self, i: int, minute: int) -> dt.datetime:
        if not 0 <= i < len(self._ords):
            raise OutOfRange(f"the result falls outside {self.first.year}–{self.last.year}")
        return self._midnights[i] + _MINUTE_DELTAS[minute]

    def add_minutes(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """``start`` plus ``minutes`` (≥ 0) office minutes. Zero gives the moment counting starts from."""
        w = self.position(start)
        if minutes:
            return self.moment(w + minutes)
        due = self.moment(w)
        if due >= start.replace(second=0, microsecond=0):
            return due
        return self.moment(w, opening=True)

    # --- bulk (numpy) -----------------------------------------------------------------------------------
    def _arrays(self) -> tuple[IntArray, IntArray, IntArray]:
        """Per day: working position of its opening and 1/0 for working; per working day: the UTC epoch minute
        of its local midnight."""
        if self._np is None:
            before = np.asarray(self._before[:-1], dtype=np.int64)
            ords = np.asarray(self._ords, dtype=np.int64)
            self._np = (
                before * self.minutes_per_day,
                np.asarray(self._work, dtype=np.int64),
                (ords - EPOCH_ORDINAL) * MINUTES_PER_DAY - OFFSET_MINUTES,
            )
        return self._np

    def positions(self, starts: IntArray) -> IntArray:
        """Vectorised :meth:`position` for UTC epoch minutes."""
        opening, work, _ = self._arrays()
        day, m = np.divmod(starts + OFFSET_MINUTES, MINUTES_PER_DAY)
        k = day + (EPOCH_ORDINAL - self._first_ord)
        if k.size and (k.min() < 0 or k.max() >= work.size):
            raise OutOfRange(f"a start is outside {self.first.year}–{self.last.year}")
        within = np.clip(m - self._ms, 0, self.morning_minutes)
        within += np.clip(m - self._as, 0, self._ae - self._as)
        within *= work[k]
        within += opening[k]
        return within

    def moments(self, w: IntArray) -> IntArray:
        """Vectorised :meth:`moment` (closing convention), as UTC epoch minutes."""
        _, _, midnights = self._arrays()
        i, r = np.divmod(w, self.minutes_per_day)
        boundary = r == 0
        i -= boundary
        r += boundary * self.minutes_per_day
        if i.size and (i.min() < 0 or i.max() >= midnights.size):
            raise OutOfRange(f"a result falls outside {self.first.year}–{self.last.year}")
        r += np.where(r <= self.morning_minutes, self._ms, self._as - self.morning_minutes)
        r += midnights[i]
        return r

    def bulk_add_minutes(self, starts: IntArray, minutes: IntArray) -> IntArray:
        """Due moments (UTC epoch minutes) for many starts (UTC epoch minutes) and amounts (minutes > 0)."""
        starts = np.asarray(starts, dtype=np.int64)
        minutes = np.asarray(minutes, dtype=np.int64)
        if minutes.size and minutes.min() <= 0:
            raise ValueError("bulk amounts must be positive minutes")
        w = self.positions(starts)
        w += minutes
        return self.moments(w)


def epoch_minutes(moment: dt.datetime) -> int:
    return int(moment.timestamp() // 60)


def from_epoch_minutes(minutes: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(minutes * 60, VN_TZ)
