"""Shared set-up for benchmarks: a separate, reusable bench database (never the test or demo one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench")


def setup_django(database_url: str = BENCH_PG_URL) -> None:
    """Configure Django for a benchmark process: production-like (DEBUG off) on the bench database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ["MOTCUA_VAR_DIR"] = str(ROOT / "var" / "bench")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    # As in production: background work goes to the Redis broker (no worker runs during a bench).
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    import django

    django.setup()


def setup_sqlite_django(prefix: str) -> str:
    """Configure Django for a benchmark on a fresh temporary SQLite database (nothing else running: no Redis, eager
    background work, warnings only); returns the temporary directory."""
    import tempfile

    tmp = tempfile.mkdtemp(prefix=f"motcua-bench-{prefix}-")
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["MOTCUA_VAR_DIR"] = tmp
    os.environ.pop("REDIS_URL", None)
    os.environ["LOG_LEVEL"] = "WARNING"  # eager Celery tasks and WeasyPrint would log every step
    import django

    django.setup()
    return tmp


def ensure_pg_database(url: str = BENCH_PG_URL) -> None:
    """Create the bench database if it does not exist."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def clear_tables(cursor: object, sql: str) -> None:
    """Run ``sql`` (TRUNCATE/DELETE of bench rows) past the append-only guards of the event and journal tables
    (``motcua.core.appendonly``): the bench role is the server's superuser, which may switch triggers off for its
    session (``session_replication_role``); the application's role may not."""
    cursor.execute("SET session_replication_role = replica")  # type: ignore[attr-defined]
    try:
        cursor.execute(sql)  # type: ignore[attr-defined]
    finally:
        cursor.execute("SET session_replication_role = DEFAULT")  # type: ignore[attr-defined]
