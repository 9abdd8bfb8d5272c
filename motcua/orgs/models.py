"""Agencies, their units, staff role assignments and delegations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.orgs.identifiers import validate_identifier_code


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry / sector")
    PROVINCE = "province", _("Province / centrally run city")
    DEPARTMENT = "department", _("Provincial department")
    ONE_STOP_CENTRE = "one_stop_centre", _("Public administration service centre")
    DISTRICT = "district", _("District (before 1 July 2025)")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    OTHER = "other", _("Other body")


#: Kinds that receive and return dossiers for other agencies.
SERVING_KINDS = frozenset({AgencyKind.ONE_STOP_CENTRE})


class Agency(TimeStampedModel):
    code = models.CharField(
        _("identifier code"),
        max_length=13,
        unique=True,
        validators=[validate_identifier_code],
        help_text=_("Electronic identifier code, e.g. 000.00.10.H26."),
    )
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    official_order = models.PositiveIntegerField(
        _("official order"),
        null=True,
        blank=True,
        help_text=_(
            "Its place among the agencies under the same parent in the official list (1, 2, …); lists show numbered "
            "agencies first, then the others by kind and name."
        ),
    )
    # Materialised path of ancestor ids ("/1/4/9/"), kept by the services, for subtree queries.
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False, default="/")
    admin_code = models.CharField(
        _("administrative unit code"),
        max_length=10,
        blank=True,
        help_text=_("Code of the administrative unit."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("replaces"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("Former units this agency replaced (e.g. communes merged in 2025)."),
    )
    served_agencies = models.ManyToManyField(
        "self",
        verbose_name=_("serves"),
        symmetrical=False,
        blank=True,
        related_name="served_by",
        help_text=_("Agencies for which this one-stop centre receives dossiers and returns results."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def policy_agency_ids(self) -> set[int]:
        return {self.pk}


class Unit(TimeStampedModel):
    """A unit inside an agency (phòng, ban, bộ phận)."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency")]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.short_name or self.agency.name}"

    def policy_agency_ids(self) -> set[int]:
        return {self.agency_id}


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("One-stop desk officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    INSPECTOR = "inspector", _("Inspector")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class StaffRole(TimeStampedModel):
    """A user's role at an agency (and optionally a unit in it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_roles"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="staff_roles")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    job_title = models.CharField(
        _("job title"),
        max_length=100,
        blank=True,
        help_text=_("The person's title in this post (Giám đốc, Phó Giám đốc, Trưởng phòng, Chuyên viên …)"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "unit", "role"], name="staff_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency.short_name or self.agency.name}"

    @property
    def title(self) -> str:
        """The job title when recorded, else the role's label (what a staff picker shows)."""
        return self.job_title or str(self.get_role_display())

    def clean(self) -> None:
        if self.unit is not None and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("This unit does not belong to the chosen agency.")})


class Delegation(TimeStampedModel):
    """A leader delegates signing at an agency to a deputy for a period [starts_at, ends_at)."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegating leader"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="delegations")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing delegation")
        verbose_name_plural = _("signing delegations")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="delegation_window"),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate} ({self.agency.short_name or self.agency.name})"

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.revoked_at is None and self.starts_at <= moment < self.ends_at
