"""Benchmark of the deadline engine (make bench).

1. Single calls: ``add_working_time`` on the preloaded national calendar, one process, best of 5.
2. Bulk: 1,000,000 day-granularity deadlines ("the n-th working day after reception") through the vectorised
   engine, beside ``numpy.busday_offset(roll="backward")`` on the same inputs with the same holiday list,
   best of 5 each, in the same run; the results are checked equal first.

The national calendar is built the real way: a temporary SQLite database, migrations, the demo loader.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import setup_sqlite_django  # noqa: E402

TMP = setup_sqlite_django("calendar")

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402

from motcua.workcalendar import demo, loader, selectors  # noqa: E402
from motcua.workcalendar.engine import (  # noqa: E402
    MINUTES_PER_DAY,
    OFFSET_MINUTES,
    VN_TZ,
    WorkCalendar,
)
from motcua.workcalendar.services import add_working_time  # noqa: E402

RUNS = 5
SINGLE_CALLS = 200_000
BULK = 1_000_000


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def national() -> WorkCalendar:
    call_command("migrate", verbosity=0)
    demo.load(io.StringIO())
    calendar = selectors.calendar_national()
    assert calendar is not None
    t0 = time.perf_counter()
    engine = loader.build_engine(calendar)
    print(f"build the national calendar 1990–2100 in memory: {(time.perf_counter() - t0) * 1000:.0f} ms")
    return engine


def single(engine: WorkCalendar) -> None:
    rng = np.random.default_rng(7)
    base = dt.datetime(2019, 1, 1, tzinfo=VN_TZ)
    starts = [base + dt.timedelta(minutes=int(m)) for m in rng.integers(0, 8 * 365 * 1440, SINGLE_CALLS)]
    days = [int(n) for n in rng.integers(1, 31, SINGLE_CALLS)]
    halves = [Decimal(int(n)) / 2 for n in rng.integers(1, 61, SINGLE_CALLS)]

    def run(amounts: list[Any]) -> None:
        for start, amount in zip(starts, amounts, strict=True):
            add_working_time(start=start, amount=amount, unit="working_day", calendar=engine)

    cases: list[tuple[str, list[Any]]] = [("int days", days), ("Decimal half days", halves)]
    for label, amounts in cases:
        seconds, _ = best_of(RUNS, functools.partial(run, amounts))
        print(f"single add_working_time ({label}): {SINGLE_CALLS / seconds:,.0f} calls/s (best of {RUNS})")


def bulk(engine: WorkCalendar) -> None:
    first, last = np.datetime64("2019-01-01"), np.datetime64("2026-12-31")
    all_days = np.arange(first, last + np.timedelta64(1, "D"))
    weekday = (all_days.astype(np.int64) + 3) % 7  # 0 = Monday
    off = np.array([not engine.is_working_day(d.astype(dt.date)) for d in all_days])
    holidays = all_days[off & (weekday < 5)]  # the same holiday list for both
    # the comparison calendar: those holidays and Monday–Friday, no worked Saturday (numpy has none)
    same = WorkCalendar(
        key="bench",
        first=engine.first,
        last=engine.last,
        weekdays={1, 2, 3, 4, 5},
        sessions=engine.sessions,
        days_off=[d.astype(dt.date) for d in holidays],
    )
    rng = np.random.default_rng(11)
    dates = first + rng.integers(0, 7 * 365, BULK).astype("timedelta64[D]")
    offsets = rng.integers(1, 31, BULK)
    close = same.sessions[3].hour * 60 + same.sessions[3].minute
    per_day = same.minutes_per_day

    def ours() -> np.ndarray:
        # received at the closing time of the day: the n-th working day after it
        starts = dates.astype(np.int64) * MINUTES_PER_DAY + (close - OFFSET_MINUTES)
        due = same.bulk_add_minutes(starts, offsets * per_day)
        return ((due + OFFSET_MINUTES) // MINUTES_PER_DAY).astype("datetime64[D]")

    def theirs() -> np.ndarray:
        return np.busday_offset(dates, offsets, roll="backward", weekmask="1111100", holidays=holidays)

    ours_s, ours_r = best_of(RUNS, ours)
    theirs_s, theirs_r = best_of(RUNS, theirs)
    assert np.array_equal(ours_r, theirs_r), "bulk engine and numpy.busday_offset disagree"
    print(f"bulk {BULK:,} day-granularity deadlines, {holidays.size} holidays 2019–2026 (best of {RUNS}):")
    print(f"  workcalendar bulk_add_minutes: {ours_s * 1000:7.1f} ms  ({BULK / ours_s:,.0f}/s)")
    print(f"  numpy.busday_offset:           {theirs_s * 1000:7.1f} ms  ({BULK / theirs_s:,.0f}/s)")
    print(f"  ratio numpy time / workcalendar time: {theirs_s / ours_s:.2f} (>= 1: at least as fast)")

    # minute granularity on the real national calendar (swapped Saturdays included)
    starts = (
        int(dt.datetime(2019, 1, 1, tzinfo=dt.UTC).timestamp() // 60) + rng.integers(0, 7 * 365 * 1440, BULK)
    ).astype(np.int64)
    minutes = rng.integers(1, 30 * 480, BULK).astype(np.int64)
    seconds, _ = best_of(RUNS, lambda: engine.bulk_add_minutes(starts, minutes))
    print(f"bulk {BULK:,} minute-granularity deadlines, national calendar: {seconds * 1000:.1f} ms")


def main() -> None:
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}")
    engine = national()
    single(engine)
    bulk(engine)


if __name__ == "__main__":
    main()
