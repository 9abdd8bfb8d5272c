"""A petition's photos and documents: checked, images re-encoded without their metadata, stored with the petition.

Each file is sniffed by its content (JPEG, PNG or PDF), parsed by a real parser and, for images, re-encoded
(``core.filetypes``): a photo's GPS position, camera and time never reach the office or the public. Every file of a
batch is checked before any is stored, so a refused file leaves nothing behind.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _

from motcua.core import filetypes
from motcua.core.errors import ValidationFailed
from motcua.petitions.models import Petition, PetitionAttachment

#: At most this many files with one petition.
MAX_FILES = 5
#: The largest file accepted (bytes); settings ``PETITION_ATTACHMENT_MAX_BYTES`` overrides it.
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _max_bytes() -> int:
    return int(getattr(settings, "PETITION_ATTACHMENT_MAX_BYTES", MAX_BYTES))


def _refused(message: str, code: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, fields={"attachments": message})


def checked(uploads: Sequence[Upload], *, already: int = 0) -> list[tuple[Upload, str, File]]:
    """Each upload with its content type and the content to store; :class:`ValidationFailed` (422) naming the file
    otherwise."""
    if already + len(uploads) > MAX_FILES:
        raise _refused(_("Send at most %(count)d files with a petition.") % {"count": MAX_FILES}, "too_many_files")
    limit = _max_bytes()
    result = []
    for upload in uploads:
        name = upload.name or "tep"
        if not upload.data:
            raise _refused(_("The file “%(name)s” is empty.") % {"name": name}, "file_empty")
        if len(upload.data) > limit:
            raise _refused(
                _("The file “%(name)s” is %(size).1f MB; the limit is %(limit).1f MB.")
                % {"name": name, "size": len(upload.data) / 1_048_576, "limit": limit / 1_048_576},
                "file_too_large",
            )
        content_type = filetypes.sniff(upload.data[:16])
        if content_type is None:
            raise _refused(_("The file “%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name}, "file_type")
        try:
            content = filetypes.checked(
                File(io.BytesIO(upload.data), name=name),
                content_type=content_type,
                name=name,
                max_pixels=settings.MOTCUA_UPLOAD_MAX_PIXELS,
            )
        except filetypes.Refused as refused:
            raise _refused(refused.message, refused.code) from None
        result.append((upload, content_type, content))
    return result


def store(petition: Petition, files: list[tuple[Upload, str, File]]) -> list[PetitionAttachment]:
    """Store checked files with ``petition`` (inside the caller's transaction)."""
    stored = []
    for number, (upload, content_type, content) in enumerate(files, start=petition.attachments.count() + 1):
        attachment = PetitionAttachment(
            petition=petition, name=upload.name[:255] or "tep", content_type=content_type, size=content.size or 0
        )
        extension = filetypes.EXTENSIONS[content_type]
        content.seek(0)
        attachment.file.save(f"{number}{extension}", content, save=False)
        attachment.save()
        stored.append(attachment)
    return stored
