"""Plain SQL for the hot paths (the event subscriber runs in every dossier transaction): building an ORM query
costs more than running it. Table names come from the models; values are always parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection

from motcua.core.pipeline import fetch_many
from motcua.core.sqlvendor import ids_in_sql

__all__ = ["aware", "execute", "fetch", "fetch_many", "ids_in", "param"]


def fetch(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return fetch_many([(sql, params)])[0]


def execute(sql: str, params: Sequence[Any] = ()) -> None:
    fetch_many([(sql, params)])


def ids_in(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """``column`` is one of ``ids`` (``core.sqlvendor.ids_in_sql``)."""
    return ids_in_sql(column, ids)


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
