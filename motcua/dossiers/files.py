"""Uploaded files: the type is sniffed from the content (not the name), the size is limited, SHA-256 kept."""

from __future__ import annotations

import hashlib
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import StoredFile

#: Magic numbers of the accepted types.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def sniff(head: bytes) -> str | None:
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def store_upload(
    *,
    name: str,
    data: bytes | IO[bytes],
    field: str = "file",
    uploaded_by: Any = None,
    owner_applicant: Any = None,
) -> StoredFile:
    """Validate and store a file; refuses a wrong type or an oversized file with a precise message."""
    content = data if isinstance(data, bytes) else data.read()
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    if not content:
        raise ValidationFailed(
            _("The file “%(name)s” is empty.") % {"name": name}, code="file_empty", fields={field: _("Empty file.")}
        )
    if len(content) > limit:
        message = _("The file “%(name)s” is %(size).1f MB; the limit is %(limit).1f MB.") % {
            "name": name,
            "size": len(content) / 1_048_576,
            "limit": limit / 1_048_576,
        }
        raise ValidationFailed(message, code="file_too_large", fields={field: message})
    content_type = sniff(content[:16])
    if content_type is None:
        message = _("The file “%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name}
        raise ValidationFailed(message, code="file_type", fields={field: message})
    digest = hashlib.sha256(content).hexdigest()
    stored = StoredFile(
        sha256=digest,
        name=name[:255],
        content_type=content_type,
        size=len(content),
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
        owner_applicant=owner_applicant,
    )
    stored.file.save(f"{digest[:16]}{EXTENSIONS[content_type]}", ContentFile(content), save=False)
    stored.save()
    return stored
