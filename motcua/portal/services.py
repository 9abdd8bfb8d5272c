"""Applicant self-registration with e-mail verification (the accounts app has no such service yet).

The account is created inactive through ``accounts.services`` (applicant_register + applicant_open_account) and
activated when the signed link sent by e-mail is opened. Registration answers the same whether or not the number is
known (see :func:`applicant_signup`); its e-mails leave through the outbox after commit (``integrations.mail``).
The link is Django's token generator with its own salt; it is bound to the account's state, so it works once, and
expires with ``PASSWORD_RESET_TIMEOUT`` (3 days).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_open_account, applicant_register, normalise_identity
from motcua.core import net
from motcua.core.errors import Conflict, ValidationFailed
from motcua.integrations.mail import email_enqueue


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "motcua.portal.services.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        # Changes when the account is activated (or its password or e-mail change): the link works once.
        return f"{user.pk}{user.password}{timestamp}{user.is_active}{user.email}"


verification_tokens = EmailVerificationTokenGenerator()

ID_TYPE_OF_KIND = {ApplicantKind.CITIZEN: IdType.CCCD, ApplicantKind.ORGANISATION: IdType.TAX_CODE}


def verification_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/xac-thuc/{uid}/{verification_tokens.make_token(user)}/"


def _check_password(*, password: str, number: str, name: str, email: str) -> None:
    try:
        validate_password(password, User(username=number, full_name=name, email=email))
    except ValidationError as exc:
        raise ValidationFailed(exc.messages[0], code="password", fields={"password": exc.messages}) from exc


def _activation_mail(user: User, applicant: Applicant, site_url: str) -> tuple[str, str]:
    link = site_url.rstrip("/") + verification_path(user)
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": applicant.name},
            _("Open this link to activate your account (user name %(username)s):") % {"username": user.username},
            link,
            _("If you did not register, ignore this message."),
        ]
    )
    return _("Confirm your motcua account"), body


def _existing_account_mail(user: User, applicant: Applicant, site_url: str) -> tuple[str, str]:
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": applicant.name},
            _(
                "Someone asked to register an online account for the number %(number)s, which already has one "
                "(user name %(username)s)."
            )
            % {"number": applicant.id_number, "username": user.username},
            _("If it was you, log in, or choose a new password here:"),
            site_url.rstrip("/") + reverse("password_reset"),
            _("If it was not you, ignore this message: nothing has changed."),
        ]
    )
    return _("Your motcua account"), body


@transaction.atomic
def applicant_signup(
    *,
    kind: str,
    id_number: str,
    name: str,
    email: str,
    password: str,
    site_url: str,
    phone: str = "",
    date_of_birth: dt.date | None = None,
    address: str = "",
) -> None:
    """Register a citizen (by personal ID number) or an organisation (by tax code) with an online account that
    stays inactive until the e-mailed link is opened.

    The answer tells nothing about whether the number is known: every check of the input (number, name, e-mail,
    password) comes before the number is looked up, and afterwards the caller learns nothing. What happens depends
    on the number, and every e-mail goes to the address on record when there is one, never to the one typed:

    * unknown number: the applicant and the inactive account are created, the link goes to the e-mail typed;
    * known at a desk, no account: the account is created, the link goes to the e-mail on record (none on record:
      nothing is sent, the desk must record one);
    * account waiting for its activation: the link is sent again to its e-mail;
    * account in use: its e-mail is told that someone tried, with the way to log in or reset the password.

    At most ``REGISTRATION_MAILS_PER_NUMBER_PER_HOUR`` requests an hour about one number do anything.
    """
    if kind not in ID_TYPE_OF_KIND:
        raise ValidationFailed(_("Choose citizen or organisation."), fields={"kind": _("Required.")})
    if not email.strip():
        message = _("An e-mail address is needed to verify the account.")
        raise ValidationFailed(message, fields={"email": message})
    id_type = ID_TYPE_OF_KIND[ApplicantKind(kind)]
    number = normalise_identity(kind=kind, id_type=id_type, id_number=id_number, date_of_birth=date_of_birth)
    if not name.strip():
        raise ValidationFailed(_("The applicant's name is required."), fields={"name": _("Required.")})
    _check_password(password=password, number=number, name=name, email=email)
    limit = settings.REGISTRATION_MAILS_PER_NUMBER_PER_HOUR
    if not net.hit(f"register-number:{id_type}:{number}", limit=limit, window_seconds=3600):
        _hash_anyway(password)
        return
    applicant = Applicant.objects.select_for_update().filter(id_type=id_type, id_number=number).first()
    if applicant is not None and applicant.user_id:
        user = applicant.user
        assert user is not None  # noqa: S101 - user_id is set
        pending = not user.is_active and user.last_login is None
        _hash_anyway(password)
        if user.email:
            make = _activation_mail if pending else _existing_account_mail
            _send(user.email, *make(user, applicant, site_url))
        return
    if applicant is not None and not applicant.email:
        _hash_anyway(password)
        return
    try:
        if applicant is None:
            applicant = applicant_register(
                kind=kind, id_type=id_type, id_number=number, name=name, date_of_birth=date_of_birth,
                address=address, phone=phone, email=email.strip(),
            )  # fmt: skip
        user = applicant_open_account(applicant=applicant, password=password, email=applicant.email)
    except Conflict:  # registered in parallel, or the number is some other user's name: say nothing
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    _send(applicant.email, *_activation_mail(user, applicant, site_url))


def _send(to: str, subject: str, body: str) -> None:
    email_enqueue(to=to, subject=subject, body=body)


def _hash_anyway(password: str) -> None:
    """The password hashing a new account costs, done when none is created: the answer takes as long."""
    make_password(password)


@transaction.atomic
def applicant_verify_email(*, uidb64: str, token: str) -> User | None:
    """Activate the account the link names; None when the link is wrong, used or expired."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.select_for_update().filter(pk=pk).first()
    if user is None or user.is_active or not verification_tokens.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
