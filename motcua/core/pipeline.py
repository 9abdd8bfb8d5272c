"""Several statements in one round trip to the database (a psycopg pipeline on PostgreSQL).

The hot paths (counter intake, the 766 index subscriber) write a handful of small statements per dossier; sending
them together, in the caller's transaction, saves a round trip each. On other databases the statements run one
after the other, with the same results.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.db.models import Field

from motcua.core.sqlvendor import is_postgresql


def fetch_many(queries: Sequence[tuple[str, Sequence[Any]]]) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement. On PostgreSQL they are sent together in one round trip as prepared statements
    on Django's connection and transaction, so the few statement shapes of a hot path are planned once per
    connection."""
    if not queries:
        return []
    if not is_postgresql():
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


@functools.lru_cache(maxsize=256)
def _insert_statement(model: type[models.Model], with_pk: bool, rows: int) -> tuple[str, tuple[Field[Any, Any], ...]]:
    opts = model._meta
    fields = tuple(f for f in opts.concrete_fields if not f.generated and (with_pk or f is not opts.pk))
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    columns = ", ".join(quote(f.column) for f in fields)
    return f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES {', '.join([row] * rows)}", fields  # noqa: S608


def insert_sql(objs: Sequence[models.Model]) -> list[tuple[str, Sequence[Any]]]:
    """The INSERT statement of new instances of one model, without RETURNING: for rows whose ids the caller does
    not need afterwards. Defaults and ``pre_save`` (e.g. ``auto_now_add``) apply as in ``bulk_create``; the
    statement's text is built once per model and row count."""
    if not objs:
        return []
    model = type(objs[0])
    with_pk = all(obj.pk is not None for obj in objs)
    sql, fields = _insert_statement(model, with_pk, len(objs))
    params: list[Any] = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_together")  # type: ignore[attr-defined]
        params.extend(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
    return [(sql, params)]


def insert_together(*batches: Sequence[models.Model]) -> None:
    """Insert each batch of new model instances (one model per batch), every batch in one round trip on
    PostgreSQL. The instances get no primary key back: use it for rows only read later through their parent."""
    if not is_postgresql():
        for objs in batches:
            if objs:
                type(objs[0])._default_manager.bulk_create(objs)
        return
    fetch_many([statement for objs in batches for statement in insert_sql(objs)])
    for objs in batches:
        for obj in objs:
            obj._state.adding, obj._state.db = False, connection.alias
