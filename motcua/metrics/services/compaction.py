"""Folding the journal of deltas into day and month totals, per field and for all fields.

Writers only ever insert journal rows; this is the single writer of the totals (a transaction-scoped advisory
lock on PostgreSQL; SQLite serialises writers anyway). Each run folds a range of the journal past the mark that
is complete — every transaction that wrote into it has ended (``motcua.metrics.journal``) — into the totals and
moves the mark past the range, in one transaction. The journal rows stay (append-only); readers add only those
past the mark, in the same statement as the totals, so a row is counted once whatever runs meanwhile.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import connection, transaction

from motcua.core.sqlvendor import insert_or_add_sql, month_start_sql, try_advisory_xact_lock
from motcua.core.taskqueue import enqueue
from motcua.metrics import journal
from motcua.metrics.measures import STOCKS
from motcua.metrics.models import Delta, Total

log = logging.getLogger(__name__)

ADVISORY_KEY = 766_0001
BATCH = 200_000

#: The columns of the totals' unique key (the target of the upserts).
KEY = "agency_id, field_id, grain, bucket, measure, procedure_id"
_STOCKS = "(" + ", ".join(str(int(m)) for m in sorted(STOCKS)) + ")"
GROUPED = "agency_id, field_id, procedure_id, day, measure"


def folded_rows(source: str, month: str) -> str:
    """The four bucketings of the grouped journal rows ``source``: day and month, per field and for all fields;
    stock measures get the grains 2 and 3."""
    day_grain = f"CASE WHEN measure IN {_STOCKS} THEN {Total.STOCK_DAY} ELSE {Total.DAY} END"
    month_grain = f"CASE WHEN measure IN {_STOCKS} THEN {Total.STOCK_MONTH} ELSE {Total.MONTH} END"
    return f"""
        SELECT agency_id, field_id, {day_grain}, day, measure, procedure_id, v FROM {source} WHERE v <> 0
        UNION ALL
        SELECT agency_id, 0, {day_grain}, day, measure, procedure_id, SUM(v) FROM {source}
         GROUP BY agency_id, measure, day, procedure_id HAVING SUM(v) <> 0
        UNION ALL
        SELECT agency_id, field_id, {month_grain}, {month}, measure, procedure_id, SUM(v) FROM {source}
         GROUP BY agency_id, field_id, measure, {month}, procedure_id HAVING SUM(v) <> 0
        UNION ALL
        SELECT agency_id, 0, {month_grain}, {month}, measure, procedure_id, SUM(v) FROM {source}
         GROUP BY agency_id, measure, {month}, procedure_id HAVING SUM(v) <> 0
    """  # noqa: S608


def add_to_totals(grouped: str, params: list[Any]) -> None:
    """Add to the totals the rows of ``grouped`` — a query of (agency_id, field_id, procedure_id, day, measure, v)
    grouped on the first five — in their day and month buckets."""
    total = Total._meta.db_table
    rows = folded_rows("g", month_start_sql("day"))
    sql = f"WITH g AS ({grouped}) {insert_or_add_sql(total, KEY, 'value', rows)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fold_once(batch: int) -> tuple[int, bool]:
    """Fold the next complete range of about ``batch`` journal rows (whole transactions); (rows folded, whether
    the range reached the horizon), or (-1, True) when another run holds the lock."""
    delta, key = Delta._meta.db_table, journal.key()
    with connection.cursor() as cursor:
        if not try_advisory_xact_lock(cursor, ADVISORY_KEY):
            return -1, True
        low, horizon = journal.mark(), journal.horizon()
        if horizon <= low:
            return 0, True
        cursor.execute(
            f"SELECT {key} FROM {delta} WHERE {key} >= %s AND {key} < %s ORDER BY {key} LIMIT 1 OFFSET %s",  # noqa: S608
            [low, horizon, batch],
        )
        row = cursor.fetchone()
        high = horizon if row is None else max(int(row[0]), low + 1)  # a transaction is never split
        cursor.execute(f"SELECT COUNT(*) FROM {delta} WHERE {key} >= %s AND {key} < %s", [low, high])  # noqa: S608
        count = int(cursor.fetchone()[0])
    if count:
        add_to_totals(
            f"SELECT {GROUPED}, SUM(delta) AS v FROM {delta} WHERE {key} >= %s AND {key} < %s GROUP BY {GROUPED}",  # noqa: S608
            [low, high],
        )
    journal.set_mark(high)
    return count, high == horizon


def compact(*, batch: int = BATCH, max_batches: int = 1000) -> int:
    """Fold the complete part of the journal into the totals; returns the number of journal rows folded (0 when
    another run holds the lock or nothing was waiting)."""
    folded = 0
    for _ in range(max_batches):
        with transaction.atomic():
            moved, done = _fold_once(batch)
        folded += max(moved, 0)
        if done:
            break
    return folded


#: The task that runs :func:`compact` (``metrics.tasks``), queued by name.
COMPACT_TASK = "metrics.compact"
_last_scheduled = 0.0
#: At most one compaction is sent to the broker per this many seconds per process.
SCHEDULE_EVERY_SECONDS = 5.0


def _schedule() -> None:
    global _last_scheduled
    now = time.monotonic()
    if now - _last_scheduled < SCHEDULE_EVERY_SECONDS:
        return
    _last_scheduled = now
    try:
        enqueue(COMPACT_TASK)
    except Exception:  # the broker is down: the next transaction schedules it again
        log.warning("could not schedule the metrics compaction", exc_info=True)


def compact_after_commit() -> None:
    """Schedule one compaction after the current transaction commits (however many deltas it wrote)."""
    if not any(func is _schedule for _sids, func, _robust in transaction.get_connection().run_on_commit):
        transaction.on_commit(_schedule)
