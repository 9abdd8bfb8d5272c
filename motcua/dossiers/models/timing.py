"""Processing steps with their deadlines, pauses of the clock, and the apology with re-appointment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    ACTIVE = "active", _("In hand")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class Step(models.Model):
    """One step of the dossier's internal process (or an added consultation), at one agency/unit."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="steps", verbose_name=_("dossier")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10)
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20)
    parallel_group = models.CharField(_("parallel group"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (working minutes)"))
    status = models.CharField(_("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_steps",
        verbose_name=_("assignee"),
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    started_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    finished_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    is_consultation = models.BooleanField(_("added consultation"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("processing step")
        verbose_name_plural = _("processing steps")
        ordering = ["dossier", "position", "pk"]
        indexes = [models.Index(fields=["agency", "status", "due_at"], name="step_queue_idx")]

    def __str__(self) -> str:
        return f"{self.position}. {self.kind} @ {self.agency_id}"


class PauseReason(models.TextChoices):
    APPLICANT = "applicant", _("Waiting for the applicant's documents")
    FINANCIAL = "financial", _("Waiting for a fee or tax to be paid")
    APPRAISAL_SUPPLEMENT = "appraisal_supplement", _("Supplement after appraisal (the limit restarts)")


class Pause(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="pauses", verbose_name=_("dossier")
    )
    reason = models.CharField(_("reason"), max_length=25, choices=PauseReason.choices)
    note = models.TextField(_("explanation"), blank=True)
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["dossier", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=models.Q(ended_at__isnull=True), name="one_open_pause"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.started_at:%Y-%m-%d}"


class Apology(models.Model):
    """Form 04: apology and new appointment, at most once per dossier (NĐ 61/2018)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="apology", verbose_name=_("dossier")
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    reason = models.TextField(_("reason for the delay"))
    previous_appointment = models.DateTimeField(_("original appointment"))
    new_appointment = models.DateTimeField(_("new appointment"))
    late_notice = models.BooleanField(_("issued less than 1 working day before the due date"), default=False)

    class Meta:
        verbose_name = _("apology and re-appointment")
        verbose_name_plural = _("apologies and re-appointments")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.new_appointment:%d/%m/%Y}"
