"""Vocabularies of the catalogue. Code names are English; labels are translated (Vietnamese in the UI)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Implementing level (cấp thực hiện)."""

    MINISTRY = "ministry", _("Ministry / sector")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    AMENDED = "amended", _("Amended")
    ABOLISHED = "abolished", _("Abolished")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class OnlineLevel(models.TextChoices):
    """Online public service level (NĐ 42/2022): full-process is the default, partial needs a reason."""

    FULL = "full", _("Full-process online")
    PARTIAL = "partial", _("Partially online")
    NONE = "none", _("Not online")


class Channel(models.TextChoices):
    """How a dossier may be filed. The national portal numbers them 1 (counter), 2 (online), 3 (postal)."""

    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("Public postal service")


NATIONAL_CHANNEL_CODES = {Channel.COUNTER: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class Requirement(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    CONDITIONAL = "conditional", _("Conditional")


class FeeKind(models.TextChoices):
    FEE = "fee", _("Fee (phí)")
    CHARGE = "charge", _("Charge (lệ phí)")


class DecisionAction(models.TextChoices):
    ADD = "add", _("Adds")
    AMEND = "amend", _("Amends")
    ABOLISH = "abolish", _("Abolishes")


class StepKind(models.TextChoices):
    RECEIVE = "receive", _("Receive")
    APPRAISE = "appraise", _("Appraise")
    VERIFY = "verify", _("Verify / site visit")
    CONSULT = "consult", _("Consult another agency")
    DECIDE = "decide", _("Decide and sign")
    RETURN = "return", _("Return the result")


class DurationUnit(models.TextChoices):
    WORKING_HOUR = "working_hour", _("working hours")
    HALF_DAY = "half_day", _("half working days")


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")
