"""The one place that asks which database is behind a connection, and the SQL that differs between the two.

motcua runs on PostgreSQL in production and on SQLite for development and the fast test leg. Code that needs a
vendor-specific statement asks :func:`is_postgresql` (or takes a fragment from here) instead of reading
``connection.vendor`` itself, so that every difference between the two can be found in this module.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

POSTGRESQL, SQLITE = "postgresql", "sqlite"


def _wrapper(using: str | BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    return connections[using] if isinstance(using, str) else using


def vendor(using: str | BaseDatabaseWrapper = DEFAULT_DB_ALIAS) -> str:
    """The vendor name of a connection (an alias or the connection itself): ``postgresql`` or ``sqlite``."""
    name: str = _wrapper(using).vendor
    return name


def is_postgresql(using: str | BaseDatabaseWrapper = DEFAULT_DB_ALIAS) -> bool:
    return vendor(using) == POSTGRESQL


def is_sqlite(using: str | BaseDatabaseWrapper = DEFAULT_DB_ALIAS) -> bool:
    return vendor(using) == SQLITE


# ---- fragments --------------------------------------------------------------------------------------------------


def local_date_sql(expr: str) -> str:
    """The Vietnam local date of the timestamp ``expr``."""
    if is_postgresql():
        return f"(({expr}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    return f"date({expr}, '+7 hours')"  # SQLite keeps naive UTC text; Vietnam is UTC+7 all year


def month_start_sql(expr: str) -> str:
    """The first day of the month of the date ``expr``."""
    return f"date_trunc('month', {expr})::date" if is_postgresql() else f"strftime('%%Y-%%m-01', {expr})"


def fence_sql() -> str:
    """Closes a subquery so that the planner does not inline it into every expression that reads its columns
    (which would run each correlated subquery once per use)."""
    return "OFFSET 0" if is_postgresql() else "LIMIT -1 OFFSET 0"


def for_update_sql() -> str:
    """`` FOR UPDATE`` where rows can be locked; SQLite locks the whole database on the first write instead."""
    return " FOR UPDATE" if is_postgresql() else ""


def utc_text_sql(expr: str) -> str:
    """The timestamp ``expr`` as ISO text in UTC with microseconds (``2026-03-02T07:30:00.000000Z``) on PostgreSQL;
    on SQLite the stored text itself (the caller formats it)."""
    return f"""to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""" if is_postgresql() else expr


def ids_in_sql(column: str, ids: Any) -> tuple[str, list[Any]]:
    """``column`` is one of ``ids``: ``= ANY(%s)`` on PostgreSQL (one parameter), ``IN (…)`` elsewhere."""
    if is_postgresql():
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def insert_or_add_sql(table: str, key: str, value: str, select: str) -> str:
    """Insert the rows of ``select`` (the ``key`` columns, then ``value``) into ``table``, adding ``value`` to the
    row already there on a conflict of ``key`` (an upsert that sums)."""
    if is_postgresql():
        return (
            f"INSERT INTO {table} ({key}, {value}) {select} "  # noqa: S608 - names from the models
            f"ON CONFLICT ({key}) DO UPDATE SET {value} = {table}.{value} + EXCLUDED.{value}"
        )
    # SQLite: ``WHERE true`` keeps its parser from reading ON CONFLICT as a join clause of the SELECT.
    return (
        f"INSERT INTO {table} ({key}, {value}) SELECT * FROM ({select}) WHERE true "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET {value} = {value} + excluded.{value}"
    )


# ---- locks ------------------------------------------------------------------------------------------------------


def advisory_xact_lock(cursor: Any, key: int) -> None:
    """Wait for the transaction-scoped advisory lock ``key`` (PostgreSQL); on SQLite the writer already holds the
    database's single write lock."""
    if is_postgresql():
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def try_advisory_xact_lock(cursor: Any, key: int) -> bool:
    """Take the transaction-scoped advisory lock ``key`` if it is free (always True on SQLite, see above)."""
    if not is_postgresql():
        return True
    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
    return bool(cursor.fetchone()[0])
