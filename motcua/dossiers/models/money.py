from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeeLine(models.Model):
    """What the dossier owes, copied from the procedure version at submission."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="fee_lines", verbose_name=_("dossier")
    )
    fee = models.ForeignKey("catalog.Fee", null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("fee"))
    name = models.CharField(_("description"), max_length=500)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        verbose_name = _("fee owed")
        verbose_name_plural = _("fees owed")

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash at the desk")
    TRANSFER = "transfer", _("Bank transfer")
    POSTAL = "postal", _("By post")
    ONLINE = "online", _("Online payment")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payments", verbose_name=_("dossier")
    )
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices)
    gateway = models.PositiveSmallIntegerField(
        _("online gateway"),
        null=True,
        blank=True,
        choices=[(1, _("National payment platform")), (2, _("Local gateway"))],
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    paid_at = models.DateTimeField(_("paid at"))
    receipt_no = models.CharField(_("receipt number"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PAID)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["method", "receipt_no"], name="payment_receipt_unique"),
            models.CheckConstraint(
                condition=(models.Q(method="online") & models.Q(gateway__in=[1, 2]))
                | (~models.Q(method="online") & models.Q(gateway__isnull=True)),
                name="payment_gateway_only_online",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_no}: {self.amount}"


class FeeExemption(models.Model):
    """The dossier owes no fee after all (the applicant is exempt, or the fee is waived): who recorded it, when,
    why. Returning a result needs every fee line paid or this record (issue 13 §3)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="fee_exemption", verbose_name=_("dossier")
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    reason = models.TextField(_("ground for the exemption"))

    class Meta:
        verbose_name = _("fee exemption")
        verbose_name_plural = _("fee exemptions")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.reason[:40]}"
