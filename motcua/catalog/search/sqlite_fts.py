"""SQLite only: an FTS5 index over the folded column, to find candidate versions without scanning them all.

The folded column ``search_text`` stays the source and the final check (the LIKE conditions still run, on the
candidates only), so a stale index entry can never produce a wrong hit. The table is created by migration 0004
when the SQLite library has FTS5; without it, the search scans the column as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from motcua.core.sqlvendor import is_sqlite

TABLE = "catalog_versionfts"
CREATE = f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, tokenize=\"unicode61 tokenchars '.'\")"


def available() -> bool:
    if not is_sqlite():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None


def store(rows: Iterable[tuple[int, str]]) -> None:
    """(Re)index these (version id, folded text) rows."""
    rows = list(rows)
    if not rows or not available():
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, _text in rows])  # noqa: S608
        cursor.executemany(f"INSERT INTO {TABLE} (rowid, search_text) VALUES (%s, %s)", rows)  # noqa: S608


def match(terms: Sequence[Any]) -> str:
    """The FTS5 query of the search terms: every term, each any of its words or its prefix (words are [a-z0-9.])."""
    groups = []
    for term in terms:
        options = [f'"{word}"' for word in term.variants] + ([f'"{term.prefix}"*'] if term.prefix else [])
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def candidates_sql() -> str:
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"  # noqa: S608 - a constant table name
