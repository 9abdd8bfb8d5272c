from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """A gap-free sequence per agency and period: dossier codes per day, register lines per year.

    The row is locked (``SELECT … FOR UPDATE``) by the transaction that takes a number, so concurrent
    receptions at one desk queue on it and never share or skip a number.
    """

    KIND_CODE = "code"
    KIND_REGISTER = "register"

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    kind = models.CharField(max_length=10, verbose_name=_("kind"))
    period = models.CharField(
        max_length=10, help_text=_("YYMMDD for codes, YYYY for the register"), verbose_name=_("period")
    )
    value = models.PositiveIntegerField(default=0, verbose_name=_("value"))

    class Meta:
        verbose_name = _("sequence")
        verbose_name_plural = _("sequences")
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "period"], name="counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.period}={self.value}"
