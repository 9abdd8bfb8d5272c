"""SQLite only: the FTS5 index of the folded search text (see ``catalog.search.sqlite_fts``).

Skipped on PostgreSQL, and on a SQLite library built without FTS5 (the search then scans the column).
"""

from django.db import OperationalError, migrations

TABLE = "catalog_versionfts"


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, tokenize=\"unicode61 tokenchars '.'\")"
            )
    except OperationalError:
        return  # no FTS5 in this SQLite
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, search_text) "
            "SELECT id, search_text FROM catalog_procedureversion WHERE status = 'published'"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_gin_fastupdate_off")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
