"""Fields, publication decisions, procedures and their versions with legal bases, components and fees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models.choices import (
    DecisionAction,
    FeeKind,
    Level,
    OnlineLevel,
    ProcedureStatus,
    Requirement,
    VersionStatus,
)
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.core.models import TimeStampedModel
from motcua.workcalendar.units import TimeUnit

validate_procedure_code = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$",
    _("A procedure code is letters, digits, dots and dashes, e.g. 1.004227."),
)


class Field(TimeStampedModel):
    """A field (lĩnh vực) with its sector code, e.g. Hộ tịch in the sector Tư pháp."""

    code = models.CharField(_("sector code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    sector = models.CharField(_("sector"), max_length=120, blank=True, help_text=_("e.g. Justice"))

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["sector", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Decision(TimeStampedModel):
    """A publication decision (quyết định công bố) that adds, amends or abolishes procedures."""

    number = models.CharField(_("number"), max_length=60, unique=True, help_text=_("e.g. 2345/QĐ-UBND"))
    signed_on = models.DateField(_("signed on"))
    signer = models.CharField(_("signer"), max_length=150)
    issuer = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("issuing agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_decisions",
    )
    effective_on = models.DateField(_("effective on"))
    made_public_on = models.DateField(
        _("made public on"),
        null=True,
        blank=True,
        help_text=_("Date the procedures were made public in the national procedure database."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("publication decision")
        verbose_name_plural = _("publication decisions")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("signed_on")), name="decision_effective_after_signing"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Procedure(TimeStampedModel):
    """An administrative procedure (TTHC). Its content lives in versions; the code never changes."""

    code = models.CharField(_("procedure code"), max_length=40, unique=True, validators=[validate_procedure_code])
    status = models.CharField(
        _("status"), max_length=12, choices=ProcedureStatus.choices, default=ProcedureStatus.DRAFT
    )

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


#: Fields of a published version that its lifecycle may still write (never its content).
VERSION_LIFECYCLE_FIELDS = frozenset(
    {"status", "valid_from", "valid_to", "published_at", "search_name", "search_text", "search_vector"}
)


class ProcedureVersion(TimeStampedModel):
    """One version of a procedure's content. Immutable once published: change means a new version."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(Field, verbose_name=_("field"), on_delete=models.PROTECT, related_name="versions")
    level = models.CharField(_("implementing level"), max_length=10, choices=Level.choices)
    implementing_agency = models.CharField(_("implementing agency (as published)"), max_length=500)
    result_agency = models.CharField(_("agency issuing the result"), max_length=500, blank=True)
    coordinating_agency = models.CharField(_("coordinating agencies"), max_length=500, blank=True)
    agencies = models.ManyToManyField(
        "orgs.Agency",
        verbose_name=_("implementing agencies"),
        blank=True,
        related_name="catalog_versions",
        help_text=_("The agencies that receive and handle this procedure."),
    )
    agency_kinds = models.CharField(
        _("implemented by every agency of the kinds"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated agency kinds, e.g. commune,ward: every such agency implements it."),
    )
    for_citizens = models.BooleanField(_("citizens may apply"), default=True)
    for_organisations = models.BooleanField(_("organisations may apply"), default=False)
    limit_amount = models.DecimalField(_("statutory time limit"), max_digits=7, decimal_places=2)
    limit_unit = models.CharField(_("statutory limit unit"), max_length=12, choices=TimeUnit.choices)
    committed_amount = models.DecimalField(_("committed time limit"), max_digits=7, decimal_places=2)
    committed_unit = models.CharField(_("committed limit unit"), max_length=12, choices=TimeUnit.choices)
    limit_note = models.TextField(_("note on the time limit"), blank=True)
    sequence = models.TextField(_("sequence of steps"), blank=True)
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    results = models.JSONField(_("result documents"), default=list, blank=True)
    channel_counter = models.BooleanField(_("at the counter"), default=True)
    channel_postal = models.BooleanField(_("by public postal service"), default=True)
    channel_online = models.BooleanField(_("online"), default=True)
    online_level = models.CharField(
        _("online service level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.FULL
    )
    partial_reason = models.TextField(_("published reason for partial online service"), blank=True)
    online_payment = models.BooleanField(_("online payment available"), default=False)
    province_wide = models.BooleanField(
        _("file anywhere in the province"),
        default=False,
        help_text=_("Không phụ thuộc địa giới hành chính: on the province's published list."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    search_name = models.TextField(editable=False, default=" ", verbose_name=_("search name"))
    search_text = models.TextField(editable=False, default=" ", verbose_name=_("search text"))
    search_vector = SearchVectorField(null=True, editable=False, verbose_name=_("search vector"))

    #: The status as read from the database (set by ``from_db`` and ``save``), for the frozen guard.
    _stored_status: str | None = None

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.CheckConstraint(
                condition=Q(limit_amount__gt=0) & Q(committed_amount__gt=0), name="version_limits_positive"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="version_valid_window",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(valid_from__isnull=False), name="version_published_has_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_from", "valid_to"], name="version_validity_idx")]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Guard of last resort (the services refuse first): published content is never rewritten.
        if self._stored_status == VersionStatus.PUBLISHED:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= VERSION_LIFECYCLE_FIELDS | {"updated_at"}:
                raise_frozen()
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._stored_status == VersionStatus.PUBLISHED:
            raise_frozen()
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    @property
    def agency_kind_list(self) -> list[str]:
        return [kind for kind in self.agency_kinds.split(",") if kind]

    @property
    def applicant_kinds(self) -> list[str]:
        return [k for k, on in (("citizen", self.for_citizens), ("organisation", self.for_organisations)) if on]

    @property
    def channels(self) -> list[str]:
        pairs = (("counter", self.channel_counter), ("online", self.channel_online), ("postal", self.channel_postal))
        return [name for name, on in pairs if on]

    def is_valid_on(self, day: dt.date) -> bool:
        return (
            self.is_published
            and self.valid_from is not None
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> ProcedureVersion:
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance


def raise_frozen() -> None:
    raise Conflict(
        _("A published procedure version cannot be changed or deleted; publish a new version instead."),
        code="version_published",
    )


class VersionPart(models.Model):
    """A row that belongs to a version's content (legal basis, component, fee): frozen with it."""

    version = models.ForeignKey(ProcedureVersion, verbose_name=_("version"), on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        abstract = True
        ordering = ["version", "position"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        _check_version_draft(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _check_version_draft(self.version_id)
        return super().delete(*args, **kwargs)


def _check_version_draft(version_id: int) -> None:
    status = ProcedureVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()
    if status == VersionStatus.PUBLISHED:
        raise_frozen()


class LegalBasis(VersionPart):
    """A legal document the procedure rests on, with the dates the transparency indicators need."""

    number = models.CharField(_("number / symbol"), max_length=80, help_text=_("e.g. 60/2014/QH13"))
    title = models.CharField(_("title"), max_length=500)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        default_related_name = "legal_bases"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Component(VersionPart):
    """A required document of the dossier (thành phần hồ sơ)."""

    case = models.CharField(_("case"), max_length=255, blank=True, help_text=_("When it applies, if only in a case"))
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("certified copies"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    requirement = models.CharField(
        _("requirement"), max_length=12, choices=Requirement.choices, default=Requirement.MANDATORY
    )
    condition = models.CharField(_("condition"), max_length=500, blank=True)
    form_name = models.CharField(_("blank form"), max_length=255, blank=True)
    form_url = models.URLField(_("blank form address"), max_length=500, blank=True)
    form_file = models.FileField(_("blank form file"), upload_to="catalog/forms/", blank=True)
    from_data_store = models.BooleanField(_("can be taken from the applicant's e-data store"), default=False)

    class Meta(VersionPart.Meta):
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        default_related_name = "components"
        constraints = [
            models.CheckConstraint(
                condition=Q(originals__gt=0) | Q(certified_copies__gt=0) | Q(copies__gt=0),
                name="component_needs_a_copy",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class Fee(VersionPart):
    """A fee (phí) or charge (lệ phí): a fixed amount in VND, or a table of amounts."""

    kind = models.CharField(_("kind"), max_length=10, choices=FeeKind.choices)
    name = models.CharField(_("description"), max_length=500)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True)
    rows = models.JSONField(
        _("table of amounts"), default=list, blank=True, help_text=_('[{"label": "...", "amount": 2000}, ...]')
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta(VersionPart.Meta):
        verbose_name = _("fee or charge")
        verbose_name_plural = _("fees and charges")
        default_related_name = "fees"

    def __str__(self) -> str:
        return self.name


class DecisionItem(models.Model):
    """One procedure a decision adds, amends or abolishes. Keeps its version from ever being deleted."""

    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="items")
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="decision_items"
    )
    action = models.CharField(_("action"), max_length=10, choices=DecisionAction.choices)
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_items",
    )
    basis_effective_on = models.DateField(
        _("legal basis effective on"),
        null=True,
        blank=True,
        help_text=_("When the legal basis that caused this change took effect."),
    )
    created_at = models.DateTimeField(_("recorded at"), default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision item")
        verbose_name_plural = _("decision items")
        constraints = [
            models.UniqueConstraint(fields=["decision", "procedure", "action"], name="decision_item_unique"),
            models.CheckConstraint(
                condition=Q(action="abolish") | Q(version__isnull=False), name="decision_item_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.get_action_display()} {self.procedure}"
