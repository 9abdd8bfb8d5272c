"""PostgreSQL only: the search machinery and the no-overlap guarantee in the database itself.

- pg_trgm: trigram index on the folded text (fast ``LIKE '%word%'`` and word similarity for typos);
- a GIN index on the full-text vector;
- btree_gist: an exclusion constraint so two published versions of one procedure never have overlapping
  validity windows, whatever writes the rows.
SQLite skips all of this (the services enforce the same rule there).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "CREATE INDEX IF NOT EXISTS catalog_version_search_trgm "
    "ON catalog_procedureversion USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_version_search_fts "
    "ON catalog_procedureversion USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS catalog_searchword_trgm ON catalog_searchword USING gin (word gin_trgm_ops)",
    "ALTER TABLE catalog_procedureversion ADD CONSTRAINT catalog_version_windows_disjoint "
    "EXCLUDE USING gist (procedure_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) "
    "WHERE (status = 'published')",
]

BACKWARD = [
    "ALTER TABLE catalog_procedureversion DROP CONSTRAINT IF EXISTS catalog_version_windows_disjoint",
    "DROP INDEX IF EXISTS catalog_searchword_trgm",
    "DROP INDEX IF EXISTS catalog_version_search_fts",
    "DROP INDEX IF EXISTS catalog_version_search_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
