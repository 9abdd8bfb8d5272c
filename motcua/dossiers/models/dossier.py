"""The dossier (hồ sơ): what was handed in, under which procedure version, and where it stands."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.dossiers.workflow import CLOCK_STATES, NATIONAL_STATUS, State
from motcua.workcalendar.units import TimeUnit


class Channel(models.IntegerChoices):
    """RULES §3: the national portal's channel codes."""

    COUNTER = 1, _("At the desk")
    ONLINE = 2, _("Online")
    POSTAL = 3, _("By public postal service")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused after appraisal")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("At the desk")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")


class Dossier(models.Model):
    reference = models.CharField(_("public reference"), max_length=20, unique=True)
    code = models.CharField(_("dossier code"), max_length=30, unique=True, null=True, blank=True)
    version = models.PositiveIntegerField(_("row version"), default=1, help_text=_("Incremented by every change"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion", verbose_name=_("procedure version"), on_delete=models.PROTECT, related_name="+"
    )
    receiving_agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("receiving desk"), on_delete=models.PROTECT, related_name="received_dossiers"
    )
    handling_agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("lead agency"), on_delete=models.PROTECT, related_name="handled_dossiers"
    )
    applicant = models.ForeignKey(
        "accounts.Applicant", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="dossiers"
    )
    representative = models.ForeignKey(
        "accounts.Applicant",
        verbose_name=_("filed by (representative)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="represented_dossiers",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("online account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        help_text=_("The account that filed online; it may see and act on the dossier."),
    )
    channel = models.PositiveSmallIntegerField(_("filing channel"), choices=Channel.choices)
    postal_tracking_no = models.CharField(_("postal tracking number"), max_length=40, blank=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    note = models.TextField(_("request"), blank=True)
    # Snapshot of what the dossier was received under (STYLE §6).
    limit_amount = models.DecimalField(_("committed limit"), max_digits=7, decimal_places=2)
    limit_unit = models.CharField(_("limit unit"), max_length=12, choices=TimeUnit.choices)
    fee_total = models.PositiveBigIntegerField(_("fees owed (VND)"), default=0)
    # Timeline.
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True, db_index=True)
    clock_start_at = models.DateTimeField(
        _("limit counted from"), null=True, blank=True, help_text=_("Reception, or the restart after a supplement")
    )
    due_at = models.DateTimeField(
        _("legal due moment"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The original appointment, moved only by pauses and restarts: lateness is judged on it"),
    )
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    transfer_due_at = models.DateTimeField(_("transfer due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    result_ready_at = models.DateTimeField(_("result at the desk"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_method = models.CharField(_("returned"), max_length=10, choices=ReturnMethod.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, help_text=_("Refused/withdrawn/stopped"))
    supplement_requests = models.PositiveSmallIntegerField(
        _("supplement requests"),
        default=0,
        help_text=_("At reception and after it (the 766 index): more than one counts as overdue"),
    )
    reception_supplement_requests = models.PositiveSmallIntegerField(
        _("supplement requests at reception"),
        default=0,
        db_default=0,  # rows written by raw SQL (benchmarks, bulk loads) need no change
        help_text=_("Form 02 lists everything at once: a second request needs its reason and is shown to leaders"),
    )
    register_year = models.PositiveSmallIntegerField(_("register year"), null=True, blank=True)
    register_no = models.PositiveIntegerField(_("register line"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["receiving_agency", "register_year", "register_no"],
                condition=Q(register_no__isnull=False),
                name="dossier_register_line_unique",
            ),
            models.CheckConstraint(condition=Q(channel__in=[1, 2, 3]), name="dossier_channel_valid"),
        ]
        indexes = [
            models.Index(fields=["handling_agency", "state", "due_at"], name="dossier_queue_idx"),
            models.Index(fields=["receiving_agency", "state", "created_at"], name="dossier_desk_idx"),
            # Only the dossiers whose legal clock runs, in deadline order: the overdue and due-soon queues and the
            # reminders read their first rows straight from it (a few thousand open dossiers among millions).
            models.Index(
                fields=["due_at", "id"],
                condition=Q(state__in=[state.value for state in CLOCK_STATES]),
                name="dossier_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code or self.reference

    @property
    def national_status(self) -> int:
        return NATIONAL_STATUS[self.state]

    def policy_owner_ids(self) -> set[int]:
        owners = {self.owner_id} if self.owner_id else set()
        if self.applicant.user_id:
            owners.add(self.applicant.user_id)
        return owners

    def policy_agency_ids(self) -> set[int]:
        ids = {self.receiving_agency_id, self.handling_agency_id}
        ids.update(self.steps.values_list("agency_id", flat=True))
        return ids
