from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackingGuard(models.Model):
    """How many wrong check digits were tried on a dossier's code (public tracking). At the limit the code answers
    no more check-digit lookups until the desk reopens it; the row exists from the first check-digit lookup on."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="tracking_guard",
        verbose_name=_("dossier"),
    )
    failures = models.PositiveSmallIntegerField(_("wrong checks"), default=0)
    last_failure_at = models.DateTimeField(_("last wrong check at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tracking lockout")
        verbose_name_plural = _("tracking lockouts")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.failures}"
