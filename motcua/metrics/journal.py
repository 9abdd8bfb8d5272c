"""The journal of deltas is append-only; the mark says how much of it the totals already hold.

Writers only insert journal rows (the database refuses anything else). The compactor adds a range of them to the
totals and moves :class:`~motcua.metrics.models.JournalMark` past it, in one transaction; readers add to the totals
the journal rows past the mark, in the same statement (one snapshot: a row counts once, in the totals or as a
journal row, never twice and never not at all).

**Which rows may be folded.** Journal row ids come from a sequence when a row is inserted, not when its transaction
commits: a transaction holding id 100 can commit after another one's id 101 was folded. A mark on ids would then
skip row 100 for ever. So on PostgreSQL each row carries the id of the transaction that wrote it (``tx``), and the
mark is a transaction id: the compactor folds the rows of the transactions below its *horizon* — the oldest
transaction of this database still running (or the next one to start), its own included. Every transaction below
the horizon has ended, so the range below it is complete and final; a long writing transaction holds the horizon
(and the folding, not the readings) back until it ends. Transactions of the cluster's other databases do not (they
are found in ``pg_stat_activity``; one this role may not see is waited for, which only delays the folding).

On SQLite one transaction writes at a time (``BEGIN IMMEDIATE``) and ids follow the commits: the key is ``id``.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

from motcua.core.sqlvendor import is_postgresql
from motcua.metrics.models import Delta, JournalMark

MARK_TABLE = JournalMark._meta.db_table
DELTA_TABLE = Delta._meta.db_table
#: The current mark inside a statement (no row yet: nothing folded).
MARK_SQL = f"COALESCE((SELECT folded_below FROM {MARK_TABLE} WHERE id = 1), 0)"  # noqa: S608
#: PostgreSQL: the same as a STABLE plpgsql function (created by migration ``metrics 0004``). It sees the calling
#: statement's snapshot, and the planner evaluates it when planning, so it knows how few journal rows follow the mark
#: (a sub-select is an unknown to the planner, which then guesses a third of the journal).
MARK_FUNCTION = "motcua_journal_mark"

#: PostgreSQL: the compactor's horizon. The smallest of the transactions in progress in this database (the
#: snapshot's list, without those ``pg_stat_activity`` places in another database), the next transaction id and the
#: caller's own transaction (whose rows it sees before they are committed, and to which it may add more).
_HORIZON = """
    WITH snap AS (SELECT pg_current_snapshot() AS s),
    elsewhere AS (
        SELECT backend_xid FROM pg_stat_activity
         WHERE backend_xid IS NOT NULL AND datid IS NOT NULL
           AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
    )
    SELECT LEAST(
        (SELECT MIN(x::text::bigint) FROM snap, pg_snapshot_xip(snap.s) AS x
          WHERE x::xid NOT IN (SELECT backend_xid FROM elsewhere)),
        (SELECT pg_snapshot_xmax(s)::text::bigint FROM snap),
        pg_current_xact_id_if_assigned()::text::bigint
    )
"""


def key() -> str:
    """The journal column the mark is compared with: ``tx`` on PostgreSQL, ``id`` elsewhere."""
    return "tx" if is_postgresql() else "id"


def mark_sql() -> str:
    """The current mark, as an expression of the statement that uses it."""
    return f"{MARK_FUNCTION}()" if is_postgresql() else MARK_SQL


def mark() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {mark_sql()}")  # noqa: S608
        return int(cursor.fetchone()[0])


def set_mark(value: int) -> None:
    """Move the mark (the compactor, under its lock and in its transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {MARK_TABLE} (id, folded_below) VALUES (1, %s) "  # noqa: S608
            "ON CONFLICT (id) DO UPDATE SET folded_below = excluded.folded_below",
            [value],
        )


def horizon() -> int:
    """Every journal row whose key is below this is committed (or rolled back) and visible to the caller."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(_HORIZON)
        else:  # the caller holds SQLite's write lock: no other writer is in the middle of a transaction
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {DELTA_TABLE}")  # noqa: S608
        return int(cursor.fetchone()[0])


def unfolded(alias: str = "") -> tuple[str, list[Any]]:
    """The SQL condition (and its parameters) on a journal row not held by the totals yet, for the statement that
    also reads the totals: the mark is read in the statement itself (one snapshot)."""
    column = f"{alias}.{key()}" if alias else key()
    return f"{column} >= {mark_sql()}", []


def unfolded_rows() -> QuerySet[Delta]:
    """The journal rows past the mark (for tests and the admin; readers use :func:`unfolded` in their SQL)."""
    return Delta.objects.filter(**{f"{key()}__gte": mark()})
