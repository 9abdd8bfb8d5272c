"""Seed the index parameters with the defaults of RULES §9–§10, and a covering index for reads on PostgreSQL."""

import datetime as dt

from django.db import migrations

SEED_FROM = dt.date(2000, 1, 1)
#: The defaults as of this migration (later parameters are seeded by later migrations).
DEFAULTS = {
    'transparency.published_on_time.max': 6,
    'transparency.made_public_on_time.max': 4,
    'transparency.complete_content.max': 2,
    'transparency.dossiers_synced.max': 6,
    'transparency.publish_lead_days.ministry': 20,
    'transparency.publish_lead_days.province': 5,
    'transparency.made_public_days.ministry': 10,
    'transparency.made_public_days.province': 5,
    'progress.on_time.max': 20,
    'progress.max_supplement_requests': 1,
    'online_services.full_online.max': 12,
    'online_services.procedures_full_at': 0.8,
    'online_services.submissions_full_at': 0.5,
    'online_services.procedures_weight': 0.5,
    'online_payment.max': 10,
    'online_payment.a_weight': 6,
    'online_payment.b_factor': 2.5,
    'online_payment.b_cap': 2,
    'online_payment.c_factor': 2.5,
    'satisfaction.petitions_on_time.max': 6,
    'satisfaction.petition_satisfaction.max': 6,
    'satisfaction.dossier_satisfaction.max': 6,
    'satisfaction.dossier_satisfaction.threshold': 0.9,
    'petitions.reject_days': 2,
    'petitions.supplement_days': 5,
    'petitions.resolve_days': 15,
    'petitions.publish_days': 2,
    'digitisation.electronic_result.max': 6,
    'digitisation.digitised.max': 4,
    'digitisation.digitised.full_at': 0.8,
    'digitisation.certified_copies.max': 2,
    'digitisation.reuse.max': 2,
    'digitisation.reuse.full_at': 0.8,
    'digitisation.data_store.max': 4,
    'digitisation.population_db_dossier.max': 2,
    'digitisation.population_db_procedure.max': 2,
    'band.excellent': 90,
    'band.good': 80,
    'band.fair': 70,
    'band.average': 50,
    'display.rule': 'truncate',
    'display.decimals': 2,
}
NOTE = "RULES §10 default (QĐ 766/QĐ-TTg and the national portal's formula documents)"


def seed(apps, schema_editor):
    Parameter = apps.get_model("metrics", "Parameter")
    for key, value in DEFAULTS.items():
        Parameter.objects.get_or_create(key=key, valid_from=SEED_FROM, defaults={"value": value, "note": NOTE})


def unseed(apps, schema_editor):
    apps.get_model("metrics", "Parameter").objects.filter(valid_from=SEED_FROM, note=NOTE).delete()


def covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS metrics_total_read ON metrics_total "
            "(agency_id, field_id, grain, measure, bucket) INCLUDE (procedure_id, value)"
        )


def drop_covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS metrics_total_read")


class Migration(migrations.Migration):
    dependencies = [("metrics", "0001_initial")]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(covering_index, drop_covering_index),
    ]
