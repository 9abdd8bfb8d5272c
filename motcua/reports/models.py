"""A periodic report asked for by a user and built in the background: its parameters, state, progress and file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Spreadsheet (xlsx)")
    PDF = "pdf", _("PDF")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("id"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("agency (with its subtree)"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("first day of the period"))
    end = models.DateField(_("last day of the period"))
    field = models.ForeignKey(
        "catalog.Field", verbose_name=_("field"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "created_at"], name="reportjob_user_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y} {self.format} ({self.state})"

    def policy_agency_ids(self) -> set[int]:
        return {self.agency_id}

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
