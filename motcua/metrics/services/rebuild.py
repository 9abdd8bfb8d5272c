"""``motcua metrics rebuild``: recount every dossier from the raw tables and rebuild the aggregates.

It derives each received dossier's facts with the same functions as the event subscriber and writes the fact rows
and, agency by agency, the summed contributions as day and month totals (with COPY on PostgreSQL); the journal rows
past the mark, which readers add to the totals, are then taken out of them (the journal is append-only and stays).
It holds the tables for its whole transaction: dossier changes wait until it commits (run it when the desks are
closed), and reads of the index wait as well.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from motcua.core.sqlvendor import advisory_xact_lock, is_postgresql
from motcua.dossiers.models import Dossier
from motcua.integrations.models import OutboxMessage, OutboxStatus
from motcua.metrics import journal
from motcua.metrics.facts import FACT_FIELDS, contributions, derive
from motcua.metrics.measures import STOCKS
from motcua.metrics.models import Delta, DossierFact, Total
from motcua.metrics.rawsql import param
from motcua.metrics.services.compaction import ADVISORY_KEY, GROUPED, add_to_totals
from motcua.metrics.services.recording import max_supplement_requests
from motcua.metrics.sources import ALL_PARTS, SYNCED_TOPIC, Calendars, load_inputs
from motcua.orgs.models import Agency

Progress = Callable[[int, int], None]


@dataclass
class _Version:
    field_id: int
    procedure_id: int
    online_level: str


@dataclass
class _Dossier:
    """The columns of a dossier the facts read, without a model instance."""

    pk: int
    code: str | None
    state: str
    channel: int
    fee_total: int
    handling_agency_id: int
    receiving_agency_id: int
    received_at: dt.datetime | None
    clock_start_at: dt.datetime | None
    due_at: dt.datetime | None
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None
    returned_at: dt.datetime | None
    limit_amount: Decimal
    limit_unit: str
    supplement_requests: int
    procedure_version: _Version


_COLUMNS = (
    "pk", "code", "state", "channel", "fee_total", "handling_agency_id", "receiving_agency_id", "received_at",
    "clock_start_at", "due_at", "decided_at", "closed_at", "returned_at", "limit_amount", "limit_unit",
    "supplement_requests",
)  # fmt: skip
_VERSION = ("procedure_version__field_id", "procedure_version__procedure_id", "procedure_version__online_level")


def _dossier(row: Sequence[Any]) -> _Dossier:
    n = len(_COLUMNS)
    return _Dossier(**dict(zip(_COLUMNS, row[:n], strict=True)), procedure_version=_Version(*row[n:]))


def _chunks(size: int) -> Iterator[list[_Dossier]]:
    """Every received dossier, by lead agency: each agency's contributions are summed and written in one go."""
    rows = (
        Dossier.objects.filter(received_at__isnull=False)
        .order_by("handling_agency_id", "pk")
        .values_list(*_COLUMNS, *_VERSION)
        .iterator(chunk_size=size)
    )
    chunk: list[_Dossier] = []
    for row in rows:
        chunk.append(_dossier(row))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _synced_ids() -> set[int]:
    """Received dossiers with a delivered portal message carrying their reception (one query for all)."""
    keys = OutboxMessage.objects.filter(topic=SYNCED_TOPIC, status=OutboxStatus.SENT).exclude(payload__NgayTiepNhan="")
    return set(Dossier.objects.filter(code__in=keys.values("key")).values_list("pk", flat=True))


def _copy(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    if not rows:
        return
    if is_postgresql():
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    values = [[param(value) for value in row] for row in rows]  # SQLite keeps datetimes as naive UTC text
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)  # noqa: S608


def _lock_and_clear() -> None:
    """Take the compaction's lock and empty the facts and the totals (the journal is append-only: it stays).

    Every write to the journal comes with a read or write of the dossier's fact row in the same transaction
    (``recording``), so emptying the facts (TRUNCATE: the table's strongest lock) waits for the transactions in
    flight and holds the next ones until the rebuild commits: the journal does not move meanwhile."""
    tables = [DossierFact._meta.db_table, Total._meta.db_table]
    with connection.cursor() as cursor:
        if is_postgresql():
            advisory_xact_lock(cursor, ADVISORY_KEY)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # pending foreign-key checks would forbid TRUNCATE
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def _take_back_the_journal() -> None:
    """The rebuilt totals count everything, the journal rows past the mark included, and readers add those rows
    again: take them out of the totals (the compactor adds them back when it folds them). The mark stays where it
    is: rows of transactions still to come (some may have begun before this rebuild) land past it."""
    delta = Delta._meta.db_table
    condition, params = journal.unfolded()
    add_to_totals(
        f"SELECT {GROUPED}, -SUM(delta) AS v FROM {delta} WHERE {condition} GROUP BY {GROUPED}",  # noqa: S608
        params,
    )


def bucketed(summed: Counter[tuple[int, int, int, dt.date, int]]) -> list[tuple[Any, ...]]:
    """Totals rows of summed contributions (agency, field, procedure, day, measure): day and month, per field and
    for all fields — what the compactor's SQL makes of journal rows."""
    out: Counter[tuple[int, int, int, dt.date, int, int]] = Counter()
    for (agency, field, procedure, day, measure), value in summed.items():
        day_grain, month_grain = (Total.STOCK_DAY, Total.STOCK_MONTH) if measure in STOCKS else (Total.DAY, Total.MONTH)
        month = day.replace(day=1)
        for key in (
            (agency, field, day_grain, day, measure, procedure),
            (agency, 0, day_grain, day, measure, procedure),
            (agency, field, month_grain, month, measure, procedure),
            (agency, 0, month_grain, month, measure, procedure),
        ):
            out[key] += value
    return [(*key, value) for key, value in out.items() if value]


TOTAL_COLUMNS = ("agency_id", "field_id", "grain", "bucket", "measure", "procedure_id", "value")


def recount_all(*, progress: Progress | None = None, chunk: int = 5000) -> int:
    """Rebuild the facts and the aggregates of every received dossier; returns the number of dossiers."""
    with transaction.atomic():
        _lock_and_clear()
        total = Dossier.objects.filter(received_at__isnull=False).count()
        synced = _synced_ids()
        calendars = Calendars(Agency.objects.in_bulk())
        done = 0
        if progress:
            progress(0, total)
        fact_columns = list(FACT_FIELDS)
        summed: Counter[tuple[int, int, int, dt.date, int]] = Counter()
        current_agency = None
        for dossiers in _chunks(chunk):
            limits = {d.pk: max_supplement_requests(d.received_at) for d in dossiers}
            inputs = load_inputs(
                dossiers, parts=ALL_PARTS, calendars=calendars, max_supplement_requests=limits, synced_ids=synced
            )
            facts = [derive(d, inputs[d.pk], max_supplement_requests=limits[d.pk]) for d in dossiers]
            _copy(DossierFact._meta.db_table, fact_columns, [[getattr(f, n) for n in fact_columns] for f in facts])
            for f in facts:
                if f.agency_id != current_agency:  # the dossiers come agency by agency
                    _copy(Total._meta.db_table, TOTAL_COLUMNS, bucketed(summed))
                    summed.clear()
                    current_agency = f.agency_id
                for (measure, procedure, day), value in contributions(f).items():
                    summed[(f.agency_id, f.field_id, procedure, day, measure)] += value
            done += len(dossiers)
            if progress:
                progress(done, total)
        _copy(Total._meta.db_table, TOTAL_COLUMNS, bucketed(summed))
        _take_back_the_journal()
    return done
