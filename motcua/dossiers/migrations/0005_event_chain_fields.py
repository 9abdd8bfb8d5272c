"""Dossier events become links of a hash chain per dossier: their number in the dossier's history, the previous
event's hash and their own (filled by the next migration, then made required)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_stored_file_blobs")]

    operations = [
        migrations.AddField(
            model_name="dossierevent",
            name="seq",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="number in the dossier's history"),
        ),
        migrations.AddField(
            model_name="dossierevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous event's hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="dossierevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
    ]
