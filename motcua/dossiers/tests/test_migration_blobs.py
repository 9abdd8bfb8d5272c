"""The migration to blobs: existing stored files get one blob per distinct SHA-256, keeping their content; back
again, every stored file names its content once more."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("dossiers", "0003_tracking_guard")]
AFTER = [("dossiers", "0004_stored_file_blobs")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_files_are_linked_to_one_blob_per_content_and_back(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    try:
        old = _migrate(BEFORE)
        stored_file = old.get_model("dossiers", "StoredFile")
        rows = []
        for n, (digest, content) in enumerate([("a" * 64, b"%PDF-1 one"), ("a" * 64, b"%PDF-1 one"), ("b" * 64, b"x")]):
            row = stored_file(sha256=digest, name=f"f{n}.pdf", content_type="application/pdf", size=len(content))
            row.file.save(f"f{n}.pdf", ContentFile(content), save=False)
            row.save()
            rows.append(row)
        new = _migrate(AFTER)
        blobs = new.get_model("dossiers", "Blob")
        linked = new.get_model("dossiers", "StoredFile")
        assert blobs.objects.count() == 2
        first, second, third = (linked.objects.get(pk=r.pk) for r in rows)
        assert first.blob_id == second.blob_id != third.blob_id
        assert first.blob.file.name == rows[0].file.name and first.blob.size == len(b"%PDF-1 one")
        back = _migrate(BEFORE)
        restored = back.get_model("dossiers", "StoredFile")
        assert [restored.objects.get(pk=r.pk).file.name for r in rows] == [
            rows[0].file.name, rows[0].file.name, rows[2].file.name
        ]  # fmt: skip
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
