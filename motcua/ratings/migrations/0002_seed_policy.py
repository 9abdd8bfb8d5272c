"""The default rating policy: a rating may be replaced within 7 days of the first one."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("ratings", "RatingPolicy").objects.get_or_create(
        valid_from=dt.date(2000, 1, 1), defaults={"replace_window_days": 7, "note": "default"}
    )


def unseed(apps, schema_editor):
    apps.get_model("ratings", "RatingPolicy").objects.filter(valid_from=dt.date(2000, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
