"""Targets a leader sets for an agency (e.g. at least 40% of the dossiers of full-process procedures filed online).

A target is versioned like the index parameters: a row (agency, key, valid from, threshold); the row in force on a
day is the latest one on or before it. An agency without a row for a key inherits its nearest ancestor's, else the
default of :mod:`motcua.dashboard.targets`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


class TargetKey(models.TextChoices):
    FULL_PROCESS_ONLINE_SHARE = "full_process_online_share", _("Dossiers of full-process procedures filed online")
    PAID_ONLINE_SHARE = "paid_online_share", _("Dossiers with fees paid online")
    FEE_PROCEDURES_PAID_ONLINE_SHARE = (
        "fee_procedures_paid_online_share",
        _("Fee procedures with at least one online payment"),
    )
    ON_TIME_SHARE = "on_time_share", _("Dossiers handled on time")
    RATED_SHARE = "rated_share", _("Returned dossiers rated by the applicant")
    SATISFIED_SHARE = "satisfied_share", _("Ratings satisfied")


class Target(models.Model):
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="dashboard_targets"
    )
    key = models.CharField(_("target"), max_length=40, choices=TargetKey.choices)
    threshold = models.DecimalField(
        _("threshold (%)"), max_digits=5, decimal_places=2, help_text=_("At least this share, in percent (0–100).")
    )
    valid_from = models.DateField(_("valid from"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("dashboard target")
        verbose_name_plural = _("dashboard targets")
        ordering = ["agency", "key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "key", "valid_from"], name="dashboard_target_version"),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0, threshold__lte=100), name="dashboard_target_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ≥ {self.threshold}% ({self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        if self.threshold is not None and not Decimal(0) <= Decimal(self.threshold) <= Decimal(100):
            raise ValidationError({"threshold": _("A target is a percentage between 0 and 100.")})
