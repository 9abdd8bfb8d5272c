"""Petitions, their append-only events, their hand-overs and the gap-free daily code sequence (RULES §11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.models import TimeStampedModel
from motcua.petitions.workflow import State


class Channel(models.TextChoices):
    PORTAL = "portal", _("Public service portal")
    ZALO = "zalo", _("Zalo Official Account")
    MOBILE = "mobile", _("Mobile app (Open311)")
    HOTLINE = "hotline", _("Hotline, written down by an official")
    PAPER = "paper", _("Paper or post")
    EMAIL = "email", _("E-mail")


class ContentType(models.TextChoices):
    """The eight kinds of NĐ 20/2008 art. 5."""

    CONDUCT = "conduct", _("Delays, harassment or wrongful conduct of an agency or official")
    UNFIT = "unfit", _("A regulation unfit for reality")
    INCONSISTENT = "inconsistent", _("An inconsistent regulation")
    UNLAWFUL = "unlawful", _("An unlawful regulation")
    TREATY = "treaty", _("A regulation contrary to a treaty")
    OTHER = "other", _("Other matters of regulations")
    SOLUTION = "solution", _("A proposed solution")
    INITIATIVE = "initiative", _("An initiative")


class Track(models.TextChoices):
    REGULATIONS = "regulations", _("About regulations and procedures")
    CONDUCT = "conduct", _("About conduct")
    FIELD_REPORT = "field_report", _("A field report")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    ACCEPTABLE = "acceptable", _("Acceptable")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class Petition(TimeStampedModel):
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("PAKN.YYYYMMDD.NNNN"))
    sender_name = models.CharField(_("sender's name"), max_length=255)
    sender_address = models.CharField(_("sender's address"), max_length=500)
    sender_phone = models.CharField(_("sender's phone"), max_length=20)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("sender's account"),
    )
    publish_name = models.BooleanField(_("consents to publishing the name"), default=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    content_type = models.CharField(_("content type"), max_length=15, choices=ContentType.choices)
    track = models.CharField(_("track"), max_length=15, choices=Track.choices)
    field = models.ForeignKey(
        "catalog.Field", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("field")
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("procedure"),
    )
    concerned_agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency concerned"),
    )
    handling_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("handling agency")
    )
    place_address = models.CharField(_("place"), max_length=500, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    content = models.TextField(_("content"))
    answer = models.TextField(_("answer"), blank=True)
    state = models.CharField(_("state"), max_length=25, choices=State.choices, default=State.RECEIVED)
    state_before_pause = models.CharField(
        _("state before the information request"), max_length=25, choices=State.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    clock_started_at = models.DateTimeField(
        _("deadlines counted from"), default=clock.now, help_text=_("Reception or the latest transfer")
    )
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    reject_due_at = models.DateTimeField(_("reject by"), null=True, blank=True)
    information_due_at = models.DateTimeField(_("request information by"), null=True, blank=True)
    forward_due_at = models.DateTimeField(_("forward by"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("answer by"), null=True, blank=True)
    answer_ceiling_at = models.DateTimeField(_("answer at the latest by"), null=True, blank=True)
    progress_due_at = models.DateTimeField(_("next progress note by"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("publish by"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("due at"), null=True, blank=True, db_index=True, help_text=_("The deadline running in the current state")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=15, choices=Satisfaction.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
        help_text=_("A similar petition whose answer this one shares"),
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("about the result of"),
        help_text=_("The sender's earlier petition about the same result (counted as dissatisfaction)"),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["state", "due_at"], name="petition_state_due_idx")]

    def __str__(self) -> str:
        return self.code

    def policy_agency_ids(self) -> set[int]:
        return {self.handling_agency_id}

    def policy_owner_ids(self) -> set[int]:
        return {self.sender_user_id} if self.sender_user_id else set()


class PetitionEvent(models.Model):
    """One change of a petition, never updated: who did what, why, from which state to which."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events", verbose_name=_("petition"))
    at = models.DateTimeField(_("at"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from state"), max_length=25, choices=State.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=25, choices=State.choices)
    reason = models.TextField(_("reason"), blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"


class PetitionTransfer(models.Model):
    """A hand-over of a petition to another agency of the system, or to an outside body by name."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("petition")
    )
    from_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("from agency")
    )
    to_agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to agency"),
    )
    to_outside_body = models.CharField(_("to an outside body"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )

    class Meta:
        verbose_name = _("petition transfer")
        verbose_name_plural = _("petition transfers")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.from_agency_id} → {self.to_agency_id or self.to_outside_body}"


def attachment_path(attachment: PetitionAttachment, filename: str) -> str:
    return f"petitions/{attachment.petition.received_at:%Y/%m}/{attachment.petition.code}/{filename}"


class PetitionAttachment(models.Model):
    """A photo or document sent with a petition: images are stored re-encoded, without metadata (no GPS, no
    camera), PDFs after the same checks as a dossier's files (``core.filetypes``)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("petition")
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now)

    class Meta:
        verbose_name = _("petition attachment")
        verbose_name_plural = _("petition attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class PetitionCounter(models.Model):
    """The gap-free sequence of petition codes per day (``YYYYMMDD``), taken under its row lock."""

    period = models.CharField(_("period"), max_length=8, unique=True)
    value = models.PositiveIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("petition code sequence")
        verbose_name_plural = _("petition code sequences")

    def __str__(self) -> str:
        return f"{self.period}={self.value}"
