"""The transactional outbox: outgoing events written in the same transaction as the change they report."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    HELD = "held", _("Held (no destination configured)")
    FAILED = "failed", _("Failed (gave up)")


class OutboxMessage(models.Model):
    topic = models.CharField(_("topic"), max_length=60, db_index=True)
    key = models.CharField(_("key"), max_length=80, blank=True, help_text=_("What it is about, e.g. a dossier code"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    available_at = models.DateTimeField(_("next attempt at"), default=clock.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.topic} {self.key} ({self.status})"
