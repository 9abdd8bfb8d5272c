"""The database refuses UPDATE, DELETE and TRUNCATE of petition events and transfers (``motcua.core.appendonly``):
the history of a petition and its hand-overs is never rewritten."""

from django.db import migrations

from motcua.core import appendonly

TABLES = ("petitions_petitionevent", "petitions_petitiontransfer")


def guard(apps, schema_editor):
    for table in TABLES:
        appendonly.install(schema_editor, table)


def unguard(apps, schema_editor):
    for table in TABLES:
        appendonly.uninstall(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(guard, unguard)]
