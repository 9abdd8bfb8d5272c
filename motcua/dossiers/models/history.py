from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock


class DossierEvent(models.Model):
    """Append-only history: who did what, when, from which state to which, why (with details).

    Each event is a link of its dossier's hash chain (``motcua.dossiers.audit``): ``seq`` numbers the dossier's
    events from 1, ``prev_hash`` is the previous event's ``hash`` and ``hash`` covers this event's content and
    ``prev_hash``. The database refuses UPDATE, DELETE and TRUNCATE on the table (triggers), and a dossier with
    events cannot be deleted.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="events", db_index=False, verbose_name=_("dossier")
    )  # the (dossier, seq) unique index serves the lookups by dossier
    seq = models.PositiveIntegerField(_("number in the dossier's history"), editable=False)
    at = models.DateTimeField(_("at"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("event"), max_length=30)
    from_state = models.CharField(_("from state"), max_length=20, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous event's hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["dossier", "at", "pk"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossiers_event_seq")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("dossier events are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type,unused-ignore]
