"""Serving a stored file to someone the view has already allowed to see it."""

from __future__ import annotations

from django.http import FileResponse

from motcua.dossiers.models import StoredFile


def file_response(stored: StoredFile, *, download: bool = False) -> FileResponse:
    response = FileResponse(stored.blob.file.open("rb"), content_type=stored.content_type, as_attachment=download)
    if not download:
        response["Content-Disposition"] = f'inline; filename="{stored.pk}{_ext(stored)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


def _ext(stored: StoredFile) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(stored.content_type, "")
