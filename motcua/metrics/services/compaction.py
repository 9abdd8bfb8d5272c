"""Folding the journal of deltas into day and month totals, per field and for all fields.

Writers only ever insert journal rows; this is the single writer of the totals (a transaction-scoped advisory
lock on PostgreSQL; SQLite serialises writers anyway). On PostgreSQL the rows are deleted and folded in one
statement (``DELETE … RETURNING`` feeding the upsert), so a journal row committed meanwhile is either folded now or
left for the next run, never lost or counted twice.
"""

from __future__ import annotations

import logging
import time

from django.db import connection, transaction

from motcua.metrics.measures import STOCKS
from motcua.metrics.models import Delta, Total

log = logging.getLogger(__name__)

ADVISORY_KEY = 766_0001
BATCH = 200_000

#: The columns of the totals' unique key (the target of the upserts).
KEY = "agency_id, field_id, grain, bucket, measure, procedure_id"
_STOCKS = "(" + ", ".join(str(int(m)) for m in sorted(STOCKS)) + ")"


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


def _compact_postgresql(batch: int) -> int:
    total, delta = Total._meta.db_table, Delta._meta.db_table
    sql = f"""
        WITH moved AS (
            DELETE FROM {delta} WHERE id IN (SELECT id FROM {delta} ORDER BY id LIMIT %s)
            RETURNING agency_id, field_id, procedure_id, day, measure, delta
        ), g AS (
            SELECT agency_id, field_id, procedure_id, day, measure, SUM(delta) AS v
              FROM moved GROUP BY agency_id, field_id, procedure_id, day, measure
        ), counted AS (SELECT COUNT(*) AS n FROM moved), ins AS (
            INSERT INTO {total} ({KEY}, value)
            {folded_rows("g", "date_trunc('month', day)::date")}
            ON CONFLICT ({KEY}) DO UPDATE SET value = {total}.value + EXCLUDED.value
        )
        SELECT n FROM counted
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_KEY])
        if not cursor.fetchone()[0]:
            return -1
        cursor.execute(sql, [batch])
        return int(cursor.fetchone()[0])


def _compact_sqlite(batch: int) -> int:
    total, delta = Total._meta.db_table, Delta._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id), COUNT(*) FROM (SELECT id FROM {delta} ORDER BY id LIMIT %s)", [batch])  # noqa: S608
        last, count = cursor.fetchone()
        if not count:
            return 0
        cursor.execute(
            f"""
            WITH g AS (
                SELECT agency_id, field_id, procedure_id, day, measure, SUM(delta) AS v
                  FROM {delta} WHERE id <= %s GROUP BY agency_id, field_id, procedure_id, day, measure
            )
            INSERT INTO {total} ({KEY}, value)
            SELECT * FROM ({folded_rows("g", "strftime('%%Y-%%m-01', day)")}) WHERE true
            ON CONFLICT ({KEY}) DO UPDATE SET value = value + excluded.value
            """,  # noqa: S608
            [last],
        )
        cursor.execute(f"DELETE FROM {delta} WHERE id <= %s", [last])  # noqa: S608
        return int(count)


def compact(*, batch: int = BATCH, max_batches: int = 1000) -> int:
    """Fold the journal into the totals; returns the number of journal rows folded (0 when another run holds the
    lock or nothing was waiting)."""
    folded = 0
    for _ in range(max_batches):
        with transaction.atomic():
            moved = _compact_postgresql(batch) if connection.vendor == "postgresql" else _compact_sqlite(batch)
        if moved <= 0:
            break
        folded += moved
        if moved < batch:
            break
    return folded


_last_scheduled = 0.0
#: At most one compaction is sent to the broker per this many seconds per process.
SCHEDULE_EVERY_SECONDS = 5.0


def _schedule() -> None:
    global _last_scheduled
    now = time.monotonic()
    if now - _last_scheduled < SCHEDULE_EVERY_SECONDS:
        return
    _last_scheduled = now
    from motcua.metrics.tasks import metrics_compact

    try:
        metrics_compact.delay()
    except Exception:  # the broker is down: the next transaction schedules it again
        log.warning("could not schedule the metrics compaction", exc_info=True)


def compact_after_commit() -> None:
    """Schedule one compaction after the current transaction commits (however many deltas it wrote)."""
    if not any(func is _schedule for _sids, func, _robust in transaction.get_connection().run_on_commit):
        transaction.on_commit(_schedule)
