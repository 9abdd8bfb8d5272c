"""Plain SQL for the hot paths (the event subscriber runs in every dossier transaction): building an ORM query
costs more than running it. Table names come from the models; values are always parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection


def fetch_many(queries: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement. On PostgreSQL they are sent together in one round trip (a psycopg pipeline) as
    prepared statements on Django's connection and transaction, so the few statement shapes of the hot path are
    planned once per connection."""
    if not queries:
        return []
    if connection.vendor != "postgresql":
        results = []
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                results.append(cursor.fetchall() if cursor.description else [])
        return results
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        cursors: list[psycopg.Cursor[Any]] = [psycopg.Cursor(raw) for _ in queries]
        if len(queries) == 1:
            cursors[0].execute(queries[0][0], queries[0][1], prepare=True)
        else:
            with raw.pipeline():
                for each, (sql, params) in zip(cursors, queries, strict=True):
                    each.execute(sql, params, prepare=True)
        rows = [each.fetchall() if each.description else [] for each in cursors]
        for each in cursors:
            each.close()
    return rows


def fetch(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return fetch_many([(sql, params)])[0]


def execute(sql: str, params: Sequence[Any] = ()) -> None:
    fetch_many([(sql, params)])


def ids_in(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """``column`` is one of ``ids``: ``= ANY(%s)`` on PostgreSQL (one parameter), ``IN (…)`` elsewhere."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def aware(value: Any) -> Any:
    """A datetime read by plain SQL, aware (SQLite gives naive UTC)."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def param(value: Any) -> Any:
    """A value as a plain-SQL parameter (SQLite stores datetimes as naive UTC text)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value
