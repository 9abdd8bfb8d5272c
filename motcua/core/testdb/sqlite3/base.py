"""Django's SQLite backend whose flush (tests only) is not stopped by the append-only triggers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.backends.sqlite3 import base, operations

from motcua.core.appendonly import SQLITE_MARK


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list: Iterable[str]) -> None:
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                    [f"%{SQLITE_MARK}%"],
                )
                guards = cursor.fetchall()
                for name, _sql in guards:
                    cursor.execute(f'DROP TRIGGER "{name}"')
            super().execute_sql_flush(sql_list)
            with self.connection.cursor() as cursor:
                for _name, sql in guards:
                    cursor.execute(sql)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
