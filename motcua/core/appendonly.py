"""Append-only tables: the database itself refuses UPDATE, DELETE and TRUNCATE of their rows.

- PostgreSQL: the trigger function ``motcua_append_only()`` raises ``restrict_violation`` (Django's
  ``IntegrityError``); a row trigger fires BEFORE UPDATE OR DELETE and a statement trigger BEFORE TRUNCATE. Only a
  role that may alter the table (its owner) or a superuser can get past them (``ALTER TABLE … DISABLE TRIGGER``,
  ``session_replication_role``): the application connects with a role that owns nothing (docs/deployment).
- SQLite: BEFORE UPDATE and BEFORE DELETE triggers ``RAISE(ABORT, …)`` (SQLite has no TRUNCATE; a trigger also
  turns off the truncate optimisation of ``DELETE FROM t``). The database file's owner can drop them: on SQLite
  this guards against mistakes, not against whoever holds the file.

Migrations install the guard with :func:`install`. On SQLite, Django rebuilds a table to alter one of its columns
(``_remake_table``), which drops its triggers: a later migration that alters a guarded table must call
:func:`install` again (``motcua/dossiers/tests/test_audit_guard.py`` fails otherwise).
"""

from __future__ import annotations

from typing import Any

from motcua.core.sqlvendor import is_postgresql, vendor

FUNCTION = "motcua_append_only"
#: SQLite's trigger names are global: ``<table>_append_only_update`` and ``<table>_append_only_delete``.
SQLITE_MARK = "_append_only_"


def install_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'motcua: % is append-only: % refused', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'restrict_violation';
                END $$""",
            f"CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
            f"CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}{SQLITE_MARK}{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'motcua: {table} is append-only: {op} refused'); END"
            for op in ("UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"no append-only guard for {vendor}")


def uninstall_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name in ("append_only", "append_only_truncate")]
    return [f"DROP TRIGGER IF EXISTS {table}{SQLITE_MARK}{op}" for op in ("update", "delete")]


def install(schema_editor: Any, table: str) -> None:
    """Install the guard on ``table`` (idempotent); for ``RunPython`` in migrations."""
    for sql in install_sql(vendor(schema_editor.connection), table):
        schema_editor.execute(sql, None)  # no parameters: the % of RAISE are not placeholders


def uninstall(schema_editor: Any, table: str) -> None:
    for sql in uninstall_sql(vendor(schema_editor.connection), table):
        schema_editor.execute(sql, None)  # no parameters: the % of RAISE are not placeholders


def installed(connection: Any, table: str) -> set[str]:
    """The operations the guard of ``table`` refuses, as found in the database."""
    with connection.cursor() as cursor:
        if is_postgresql(connection):
            cursor.execute(
                "SELECT tgtype FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgrelid = %s::regclass AND p.proname = %s AND t.tgenabled <> 'D' AND NOT t.tgisinternal",
                [table, FUNCTION],
            )
            # tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE
            bits = 0
            for (tgtype,) in cursor.fetchall():
                bits |= tgtype if tgtype & 2 else 0
            return {op for op, bit in (("DELETE", 8), ("UPDATE", 16), ("TRUNCATE", 32)) if bits & bit}
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s AND name LIKE %s",
            [table, f"{table}{SQLITE_MARK}%"],
        )
        return {name.rsplit("_", 1)[1].upper() for (name,) in cursor.fetchall()}
