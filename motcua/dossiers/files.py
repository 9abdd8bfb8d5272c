"""Stored files: the single entry for every uploaded or scanned file, and their removal.

:func:`store_upload` takes bytes or a file object (an upload Django streamed to a temporary file): the size is
checked before anything is read, the type is sniffed from the content (not the name) and the file must then parse
as that type (``filetypes``: PDFs checked, images re-encoded without metadata). The content is hashed in chunks and
stored once per SHA-256 (:class:`Blob`); each upload keeps its own :class:`StoredFile` row (name, owner, uploader).
An applicant's own uploads are held to ``MOTCUA_APPLICANT_QUOTA_BYTES``. :func:`release_files` removes stored files
nothing references any more (a replaced component) and, after commit, the content no file uses;
:func:`files_sweep` (command ``dossiers_files_sweep``) removes what a rolled-back upload left behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.accounts.models import Applicant
from motcua.core import clock, filetypes
from motcua.core.errors import ValidationFailed
from motcua.core.filetypes import EXTENSIONS, sniff
from motcua.dossiers.models import Blob, DossierComponent, DossierFile, StoredFile

__all__ = ["EXTENSIONS", "files_sweep", "release_files", "sniff", "store_upload"]

CHUNK = 64 * 1024
#: Where stored content lives in the storage (blobs, and the files of versions before blobs).
FOLDER = "dossiers"


def _refuse(code: str, message: str, field: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, fields={field: message})


@transaction.atomic
def store_upload(
    *,
    name: str,
    data: bytes | File,
    field: str = "file",
    uploaded_by: Actor | None = None,
    owner_applicant: Applicant | None = None,
) -> StoredFile:
    """Check and store a file; refuses an empty, oversized, unknown, unreadable or hostile file, or one over the
    applicant's quota, with a precise message on ``field``."""
    source = ContentFile(data, name=name) if isinstance(data, bytes) else data
    size, limit = source.size, settings.MOTCUA_UPLOAD_MAX_BYTES
    if not size:
        raise ValidationFailed(
            _("The file “%(name)s” is empty.") % {"name": name}, code="file_empty", fields={field: _("Empty file.")}
        )
    if size > limit:
        message = _("The file “%(name)s” is %(size).1f MB; the limit is %(limit).1f MB.") % {
            "name": name,
            "size": size / 1_048_576,
            "limit": limit / 1_048_576,
        }
        raise _refuse("file_too_large", message, field)
    source.seek(0)
    content_type = sniff(source.read(16))
    if content_type is None:
        raise _refuse("file_type", _("The file “%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name}, field)
    try:
        content = filetypes.checked(
            source, content_type=content_type, name=name, max_pixels=settings.MOTCUA_UPLOAD_MAX_PIXELS
        )
    except filetypes.Refused as refused:
        raise _refuse(refused.code, refused.message, field) from None
    digest = _sha256(content)
    if owner_applicant is not None and _own_upload(uploaded_by, owner_applicant):
        _check_quota(owner_applicant, digest, content.size, name, field)
    blob = _blob(digest, content, content_type)
    return StoredFile.objects.create(
        blob=blob,
        sha256=digest,
        name=name[:255],
        content_type=content_type,
        size=blob.size,
        uploaded_by=user_of(uploaded_by),
        owner_applicant=owner_applicant,
    )


def _own_upload(uploaded_by: Actor | None, owner_applicant: Applicant | None) -> bool:
    """The applicant uploading with their own account (the desk scanning for them is not held by the quota)."""
    user_id = uploaded_by.pk if uploaded_by is not None else None
    return owner_applicant is not None and user_id is not None and owner_applicant.user_id == user_id


def _sha256(content: File) -> str:
    digest = hashlib.sha256()
    content.seek(0)
    for piece in content.chunks(CHUNK):
        digest.update(piece)
    content.seek(0)
    return digest.hexdigest()


def _check_quota(applicant: Applicant, digest: str, size: int, name: str, field: str) -> None:
    """The applicant's own uploads may take ``MOTCUA_APPLICANT_QUOTA_BYTES`` in all; content they already have
    costs nothing. The applicant's row is locked so that parallel uploads are counted one after the other."""
    Applicant.objects.select_for_update().filter(pk=applicant.pk).first()
    owned = StoredFile.objects.filter(owner_applicant=applicant)
    if owned.filter(sha256=digest).exists():
        return
    used = Blob.objects.filter(pk__in=owned.values("blob_id")).aggregate(total=Sum("size"))["total"] or 0
    quota = settings.MOTCUA_APPLICANT_QUOTA_BYTES
    if used + size > quota:
        message = _(
            "“%(name)s” (%(size).1f MB) does not fit in your storage: your documents already take %(used).1f MB of "
            "%(quota).0f MB. Reuse a document you have already uploaded instead of uploading it again."
        ) % {"name": name, "size": size / 1_048_576, "used": used / 1_048_576, "quota": quota / 1_048_576}
        raise _refuse("quota_exceeded", message, field)


def _blob(digest: str, content: File, content_type: str) -> Blob:
    """The blob holding ``content``: the existing one (locked, so that it cannot be released meanwhile) or a new one.
    Two uploads of the same new content race on the unique SHA-256: the loser removes its copy and takes the
    winner's blob."""
    found = Blob.objects.select_for_update().filter(sha256=digest).first()
    if found is not None:
        return found
    blob = Blob(sha256=digest, content_type=content_type, size=content.size)
    content.seek(0)
    blob.file.save(f"{digest}{EXTENSIONS[content_type]}", content, save=False)
    try:
        with transaction.atomic():
            blob.save()
    except IntegrityError:
        blob.file.storage.delete(blob.file.name)
        return Blob.objects.select_for_update().get(sha256=digest)
    return blob


@transaction.atomic
def release_files(file_ids: Iterable[int | None]) -> None:
    """Delete the stored files among ``file_ids`` that no component or dossier file references any more, then the
    blobs no stored file uses; their content is deleted from the storage after commit."""
    ids = {pk for pk in file_ids if pk is not None}
    if not ids:
        return
    used = set(DossierComponent.objects.filter(file_id__in=ids).values_list("file_id", flat=True))
    used |= set(DossierFile.objects.filter(file_id__in=ids).values_list("file_id", flat=True))
    unused = StoredFile.objects.filter(pk__in=ids - used)
    blob_ids = set(unused.values_list("blob_id", flat=True))
    unused.delete()
    _delete_unused_blobs(blob_ids)


def _delete_unused_blobs(blob_ids: set[int]) -> int:
    """Lock the blobs first, then look for users in a new statement, which sees uploads committed meanwhile."""
    if not blob_ids:
        return 0
    locked = list(Blob.objects.select_for_update().filter(pk__in=blob_ids).order_by("pk"))
    users = set(StoredFile.objects.filter(blob_id__in=blob_ids).values_list("blob_id", flat=True))
    gone = [blob for blob in locked if blob.pk not in users]
    Blob.objects.filter(pk__in=[blob.pk for blob in gone]).delete()
    for blob in gone:
        transaction.on_commit(partial(blob.file.storage.delete, blob.file.name))
    return len(gone)


def files_sweep(*, older_than_seconds: int = 3600) -> dict[str, int]:
    """Remove blobs no stored file uses, and content in the storage no blob names (left by an upload whose
    transaction was rolled back, or by the migration to blobs), older than ``older_than_seconds``."""
    cutoff = clock.now() - dt.timedelta(seconds=older_than_seconds)
    storage = Blob._meta.get_field("file").storage
    with transaction.atomic():
        candidates = set(
            Blob.objects.filter(created_at__lte=cutoff)
            .exclude(pk__in=StoredFile.objects.values("blob_id"))
            .values_list("pk", flat=True)
        )
        blobs = _delete_unused_blobs(candidates)
    named = set(Blob.objects.values_list("file", flat=True))
    removed = 0
    for path in _walk(storage, FOLDER):
        if path not in named and storage.get_modified_time(path) <= cutoff:
            storage.delete(path)
            removed += 1
    return {"blobs": blobs, "files": removed}


def _walk(storage: Any, folder: str) -> Iterable[str]:
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")
