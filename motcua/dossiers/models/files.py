from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


def blob_path(blob: Blob, filename: str) -> str:
    """Where a blob's content is written: named by its SHA-256, under a folder of its first two hex digits."""
    return f"dossiers/blobs/{blob.sha256[:2]}/{filename}"


class Blob(models.Model):
    """The content of one distinct file, stored once however many uploads carry it: the checked bytes (images
    re-encoded), named by their SHA-256. Deleted, with its content, when no stored file uses it any more."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to=blob_path, max_length=255)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        verbose_name = _("file content")
        verbose_name_plural = _("file contents")

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.size} B)"


class StoredFile(models.Model):
    """One upload or scan: its name, owner, who uploaded it and when; the content is the shared :class:`Blob`
    (``sha256``, ``content_type`` and ``size`` repeat the blob's, for lists and events)."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="uploads", verbose_name=_("content"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    owner_applicant = models.ForeignKey(
        "accounts.Applicant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("The applicant whose e-data store holds it, for reuse"),
        verbose_name=_("owner (applicant)"),
    )

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:8]})"


class DossierComponent(models.Model):
    """One required document as handed in: which component, how many copies, its scan or upload."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="components", verbose_name=_("dossier")
    )
    component = models.ForeignKey(
        "catalog.Component",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("component"),
    )
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("certified copies"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    reused = models.BooleanField(_("taken from the e-data store"), default=False)
    paper = models.BooleanField(_("handed in on paper (scanned)"), default=False)

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")

    def __str__(self) -> str:
        return self.name[:80]


class DossierFile(models.Model):
    """A file attached during processing: a result document, a scan of a note, a form as issued."""

    KIND_RESULT = "result"
    KIND_NOTE = "note"

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="files", verbose_name=_("dossier")
    )
    kind = models.CharField(_("kind"), max_length=10)
    title = models.CharField(_("title"), max_length=255)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+", verbose_name=_("file"))
    attached_at = models.DateTimeField(_("attached at"), default=clock.now)
    attached_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("attached by")
    )

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")

    def __str__(self) -> str:
        return self.title
