"""Every event is a numbered, hashed link of its dossier's chain (one number per dossier); a dossier with events
cannot be deleted; the database refuses UPDATE, DELETE and TRUNCATE of events (``motcua.core.appendonly``)."""

import django.db.models.deletion
from django.db import migrations, models

from motcua.core import appendonly

TABLE = "dossiers_dossierevent"


def guard(apps, schema_editor):
    appendonly.install(schema_editor, TABLE)


def unguard(apps, schema_editor):
    appendonly.uninstall(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_event_chain_backfill")]

    operations = [
        migrations.AlterField(
            model_name="dossierevent",
            name="seq",
            field=models.PositiveIntegerField(editable=False, verbose_name="number in the dossier's history"),
        ),
        migrations.AlterField(
            model_name="dossierevent",
            name="dossier",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="events",
                to="dossiers.dossier",
            ),
        ),
        migrations.AddConstraint(
            model_name="dossierevent",
            constraint=models.UniqueConstraint(fields=("dossier", "seq"), name="dossiers_event_seq"),
        ),
        migrations.RunPython(guard, unguard),
    ]
