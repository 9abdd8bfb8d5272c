"""The journal of deltas becomes append-only: each row carries its writing transaction (PostgreSQL), the totals'
mark says how much of it they hold (no row yet: nothing folded, as the existing rows are exactly those the old
compactor had not deleted), and the database refuses UPDATE, DELETE and TRUNCATE of journal rows."""

from django.db import migrations, models

import motcua.metrics.models
from motcua.core import appendonly

TABLE = "metrics_delta"


MARK_FUNCTION = """
    CREATE OR REPLACE FUNCTION motcua_journal_mark() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
    BEGIN
        RETURN COALESCE((SELECT folded_below FROM metrics_journalmark WHERE id = 1), 0);
    END $$
"""


def guard(apps, schema_editor):
    appendonly.install(schema_editor, TABLE)
    if schema_editor.connection.vendor == "postgresql":  # the readers' mark (motcua.metrics.journal)
        schema_editor.execute(MARK_FUNCTION, None)


def unguard(apps, schema_editor):
    appendonly.uninstall(schema_editor, TABLE)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS motcua_journal_mark()")


class Migration(migrations.Migration):
    dependencies = [("metrics", "0003_total_read_by_bucket")]

    operations = [
        migrations.AddField(
            model_name="delta",
            name="tx",
            field=models.BigIntegerField(
                db_default=motcua.metrics.models.WriterTransaction(), editable=False,
                help_text="The writing transaction (PostgreSQL)",
            ),
        ),
        migrations.RemoveIndex(model_name="delta", name="metrics_delta_agency_day"),
        migrations.AddIndex(model_name="delta", index=models.Index(fields=["tx"], name="metrics_delta_tx")),
        migrations.CreateModel(
            name="JournalMark",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("folded_below", models.BigIntegerField(default=0, verbose_name="folded below")),
            ],
            options={"verbose_name": "journal mark", "verbose_name_plural": "journal marks"},
        ),
        migrations.RunPython(guard, unguard),
    ]
