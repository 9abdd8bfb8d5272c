"""Internal processes (quy trình nội bộ): the steps an agency follows to handle a procedure version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models.catalogue import ProcedureVersion
from motcua.catalog.models.choices import DurationUnit, ProcessStatus, StepKind
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.orgs.models import Role


class InternalProcess(models.Model):
    """The internal process of a version at one agency, or a template for every implementing agency.

    ``agency`` set: the process of that agency. ``agency`` empty: a template that applies to every agency of
    the version's ``agency_kinds`` (e.g. each of the 126 communes and wards), its steps naming units by code
    in the applying agency. Approved processes are immutable; a change is a new process that supersedes.
    """

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("procedure version"), on_delete=models.PROTECT, related_name="processes"
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_processes",
        help_text=_("Empty: a template for every agency of the kinds that implement the version."),
    )
    status = models.CharField(_("status"), max_length=12, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT)
    working_hours_equivalent = models.DecimalField(
        _("working-time equivalent (hours)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Only for limits in calendar days or months: the working hours the agency commits to; "
            "the steps must add up to it."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    _stored_status: str | None = None

    class Meta:
        verbose_name = _("internal process")
        verbose_name_plural = _("internal processes")
        ordering = ["version", "agency__code", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "agency"],
                condition=Q(status="approved", agency__isnull=False),
                name="process_one_approved_per_agency",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(status="approved", agency__isnull=True),
                name="process_one_approved_template",
            ),
            models.CheckConstraint(
                condition=Q(working_hours_equivalent__isnull=True) | Q(working_hours_equivalent__gt=0),
                name="process_equivalent_positive",
            ),
        ]

    def __str__(self) -> str:
        where = self.agency.code if self.agency_id and self.agency else _("template")
        return f"{self.version} @ {where} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Guard of last resort: an approved process only moves on to superseded.
        if self._stored_status not in (None, ProcessStatus.DRAFT):
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= {"status", "superseded_at"}:
                raise_process_frozen()
        super().save(*args, **kwargs)
        self._stored_status = self.status

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> InternalProcess:
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    def policy_agency_ids(self) -> set[int]:
        return {self.agency_id} if self.agency_id else set()


class ProcessStep(models.Model):
    """One step. ``agency`` empty means the agency the process is applied at; ``unit_code`` names a unit
    inside the handling agency (empty: the agency itself). Consecutive steps with the same
    ``parallel_group`` run side by side (consultations in parallel)."""

    process = models.ForeignKey(
        InternalProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=StepKind.choices)
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("handling agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the agency where the process is applied. Another agency: inter-agency handling."),
    )
    unit_code = models.CharField(_("unit code"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    duration_amount = models.DecimalField(_("duration"), max_digits=6, decimal_places=2)
    duration_unit = models.CharField(_("duration unit"), max_length=12, choices=DurationUnit.choices)
    parallel_group = models.CharField(_("parallel group"), max_length=20, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="step_position_unique"),
            models.CheckConstraint(condition=Q(duration_amount__gt=0), name="step_duration_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        _check_process_draft(self.process_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _check_process_draft(self.process_id)
        return super().delete(*args, **kwargs)


def _check_process_draft(process_id: int) -> None:
    status = InternalProcess.objects.filter(pk=process_id).values_list("status", flat=True).first()
    if status not in (None, ProcessStatus.DRAFT):
        raise_process_frozen()


def raise_process_frozen() -> None:
    raise Conflict(
        _("An approved internal process cannot be changed; create a new process that supersedes it."),
        code="process_approved",
    )
