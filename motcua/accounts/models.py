"""Users, applicants (citizens and organisations), representation, API tokens and login throttles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.models import TimeStampedModel


class User(AbstractUser):
    """Every person who logs in: staff, and applicants with an online account."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.username


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ORGANISATION = "organisation", _("Organisation")


class IdType(models.TextChoices):
    CCCD = "cccd", _("Personal identification number (CCCD)")
    PASSPORT = "passport", _("Passport")
    TAX_CODE = "tax_code", _("Tax code")


class Applicant(TimeStampedModel):
    """A citizen (by CCCD, or passport for foreigners) or an organisation (by tax code)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ApplicantKind.choices)
    id_type = models.CharField(_("identification type"), max_length=10, choices=IdType.choices)
    id_number = models.CharField(_("identification number"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, default="VN")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("online account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applicant",
    )

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.UniqueConstraint(fields=["id_type", "id_number"], name="applicant_id_unique"),
            models.CheckConstraint(
                condition=(Q(kind="citizen") & Q(id_type__in=["cccd", "passport"]))
                | (Q(kind="organisation") & Q(id_type="tax_code")),
                name="applicant_kind_matches_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id_number})"

    def policy_owner_ids(self) -> set[int]:
        return {self.user_id} if self.user_id else set()


class Authorisation(TimeStampedModel):
    """``representative`` may file and collect for ``principal`` (giấy ủy quyền)."""

    principal = models.ForeignKey(
        Applicant, verbose_name=_("principal"), on_delete=models.PROTECT, related_name="authorisations_given"
    )
    representative = models.ForeignKey(
        Applicant,
        verbose_name=_("representative"),
        on_delete=models.PROTECT,
        related_name="authorisations_held",
    )
    document_number = models.CharField(_("authorisation document number"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")
        constraints = [
            models.CheckConstraint(condition=~Q(principal=models.F("representative")), name="authorisation_not_self"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="authorisation_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.representative} → {self.principal}"


class ApiToken(models.Model):
    """A bearer token for the API. Only a SHA-256 digest of the secret is stored; it expires and can be revoked."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginThrottle(models.Model):
    """The failed logins of one user name from one client address, and when the next try from there may come.

    One row per (user name, address), kept in the database so every web node sees it and counted under its row lock
    so that parallel tries are each counted once (``motcua/accounts/throttle.py``).
    """

    username = models.CharField(_("user name"), max_length=150)
    ip = models.CharField(_("client address"), max_length=45)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    last_failure_at = models.DateTimeField(_("last failure at"), default=clock.now, db_index=True)
    retry_at = models.DateTimeField(_("next try allowed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("login throttle")
        verbose_name_plural = _("login throttles")
        constraints = [models.UniqueConstraint(fields=["username", "ip"], name="login_throttle_unique")]

    def __str__(self) -> str:
        return f"{self.username} @ {self.ip}: {self.failures}"
