"""Satisfaction ratings of dossiers (NĐ 61/2018 art. 29–31, TT 01/2018 art. 13), counter kiosks and the policy.

One rating per dossier is *current*; a replacement within the policy's window keeps the earlier one as history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal (logged in)")
    QR = "qr", _("Portal (receipt QR code)")
    KIOSK = "kiosk", _("Tablet at the counter")
    PAPER = "paper", _("Paper form entered by an officer")


class CameBack(models.TextChoices):
    """TT 01/2018 indicator 3: times the applicant had to come back to complete the dossier."""

    NONE = "none", _("Never")
    ONCE = "once", _("Once")
    MORE = "more", _("More than once")


class BodiesContacted(models.TextChoices):
    """TT 01/2018 indicator 4: bodies the applicant had to contact."""

    NONE = "none", _("None: everything online")
    DESK_ONLY = "desk_only", _("Only the one-stop desk")
    MORE = "more", _("Other bodies as well")


class Attitude(models.TextChoices):
    """TT 01/2018 indicator 7: the officials' attitude as the applicant saw it."""

    COURTEOUS = "courteous", _("Courteous and helpful")
    ACCEPTABLE = "acceptable", _("Acceptable")
    COMPLAINT = "complaint", _("I have a complaint")


class Rating(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="ratings", verbose_name=_("dossier")
    )
    is_current = models.BooleanField(_("current"), default=True)
    satisfied = models.BooleanField(_("satisfied"))
    came_back = models.CharField(_("times come back"), max_length=10, choices=CameBack.choices, blank=True)
    bodies_contacted = models.CharField(
        _("bodies contacted"), max_length=10, choices=BodiesContacted.choices, blank=True
    )
    attitude = models.CharField(_("attitude"), max_length=10, choices=Attitude.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("rating channel"), max_length=10, choices=Channel.choices)
    rated_at = models.DateTimeField(_("rated at"), default=clock.now)
    first_rated_at = models.DateTimeField(
        _("first rated at"), help_text=_("When the dossier was first rated: the replacement window starts here")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    kiosk = models.ForeignKey(
        "ratings.Kiosk", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("kiosk")
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by", verbose_name=_("replaces")
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at"]
        constraints = [
            models.UniqueConstraint(fields=["dossier"], condition=Q(is_current=True), name="rating_one_current"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {'+' if self.satisfied else '-'} ({self.channel})"


class Kiosk(models.Model):
    """A tablet at a counter. Paired once with a code an administrator issues; then it shows the dossier an
    officer presents to it and takes the applicant's rating without any login."""

    agency = models.ForeignKey("orgs.Agency", verbose_name=_("desk"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. Counter 3"))
    is_active = models.BooleanField(_("active"), default=True)
    secret_hash = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("secret hash"))
    paired_at = models.DateTimeField(_("paired at"), null=True, blank=True, editable=False)
    pairing_code_hash = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("pairing code hash"))
    pairing_expires_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("pairing expires at")
    )
    current_dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("current dossier"),
    )
    presented_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("presented at"))
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("presented by"),
    )

    class Meta:
        verbose_name = _("counter kiosk")
        verbose_name_plural = _("counter kiosks")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="kiosk_name_unique")]

    def __str__(self) -> str:
        return self.name

    def policy_agency_ids(self) -> set[int]:
        return {self.agency_id}


class RatingPolicy(models.Model):
    """Versioned: from ``valid_from``, a rating may be replaced within ``replace_window_days`` of the first one."""

    valid_from = models.DateField(_("valid from"), unique=True)
    replace_window_days = models.PositiveSmallIntegerField(_("days a rating may be replaced"), default=7)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("rating policy")
        verbose_name_plural = _("rating policies")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y}: {self.replace_window_days}"
