"""The timeliness of the end of processing on each fact row, decided once (``dossiers.timing.classify``).

Existing rows are filled here from their dossier (the same values ``motcua metrics rebuild`` writes): the end of
processing is the decision, else the stop at the applicant's request; the due moment the judged one, else the
dossier's as last counted. Rows of dossiers still in processing stay empty.
"""

from collections.abc import Iterator
from typing import Any

from django.db import migrations, models

from motcua.dossiers.timing import classify

BATCH = 2000


def _ended(DossierFact: Any) -> Iterator[Any]:
    return (
        DossierFact.objects.filter(ended__isnull=False)
        .select_related("dossier")
        .only("pk", "judged_due", "due_at", "dossier__state", "dossier__decided_at", "dossier__closed_at")
        .iterator(chunk_size=BATCH)
    )


def fill(apps: Any, schema_editor: Any) -> None:
    DossierFact = apps.get_model("metrics", "DossierFact")
    batch = []
    for fact in _ended(DossierFact):
        dossier = fact.dossier
        end = dossier.decided_at or (dossier.closed_at if dossier.state == "stopped" else None)
        if end is None:
            continue
        fact.timeliness = classify(end, fact.judged_due or fact.due_at)
        batch.append(fact)
        if len(batch) >= BATCH:
            DossierFact.objects.bulk_update(batch, ["timeliness"])
            batch = []
    if batch:
        DossierFact.objects.bulk_update(batch, ["timeliness"])


class Migration(migrations.Migration):
    dependencies = [
        ("metrics", "0005_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossierfact",
            name="timeliness",
            field=models.CharField(blank=True, default="", max_length=8, verbose_name="timeliness"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
