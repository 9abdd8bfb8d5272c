"""Totals are read by (agency, field, grain, bucket): stock measures get grains of their own (2 day, 3 month), the
unique key and the covering read index put the bucket before the measure."""

from django.db import migrations, models

STOCKS = (20, 21)


def regrain(apps, schema_editor):
    Total = apps.get_model("metrics", "Total")
    Total.objects.filter(measure__in=STOCKS, grain__in=(0, 1)).update(grain=models.F("grain") + 2)


def ungrain(apps, schema_editor):
    Total = apps.get_model("metrics", "Total")
    Total.objects.filter(measure__in=STOCKS, grain__in=(2, 3)).update(grain=models.F("grain") - 2)


def read_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS metrics_total_read")
        schema_editor.execute(
            "CREATE INDEX metrics_total_read ON metrics_total (agency_id, field_id, grain, bucket) "
            "INCLUDE (measure, procedure_id, value)"
        )


def old_read_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS metrics_total_read")
        schema_editor.execute(
            "CREATE INDEX metrics_total_read ON metrics_total "
            "(agency_id, field_id, grain, measure, bucket) INCLUDE (procedure_id, value)"
        )


class Migration(migrations.Migration):
    dependencies = [("metrics", "0002_seed_parameters")]

    operations = [
        migrations.RemoveConstraint(model_name="total", name="metrics_total_key"),
        migrations.AddConstraint(
            model_name="total",
            constraint=models.UniqueConstraint(
                fields=("agency_id", "field_id", "grain", "bucket", "measure", "procedure_id"),
                name="metrics_total_bucket_key",
            ),
        ),
        migrations.RunPython(regrain, ungrain),
        migrations.RunPython(read_index, old_read_index),
    ]
