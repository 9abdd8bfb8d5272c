"""Applicant self-registration with e-mail verification (the accounts app has no such service yet).

The account is created inactive through ``accounts.services`` (applicant_register + applicant_open_account) and
activated when the signed link sent by e-mail is opened. The link is Django's token generator with its own salt;
it is bound to the account's state, so it works once, and expires with ``PASSWORD_RESET_TIMEOUT`` (3 days).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_open_account, applicant_register, normalise_identity
from motcua.core.errors import Conflict, ValidationFailed


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
) -> User:
    """Register a citizen (by personal ID number) or an organisation (by tax code) with an online account that
    stays inactive until the e-mailed link is opened. An applicant already known at a desk (no account yet) gets
    the link at the e-mail address on record, never at a new one."""
    if kind not in ID_TYPE_OF_KIND:
        raise ValidationFailed(_("Choose citizen or organisation."), fields={"kind": _("Required.")})
    if not email.strip():
        message = _("An e-mail address is needed to verify the account.")
        raise ValidationFailed(message, fields={"email": message})
    id_type = ID_TYPE_OF_KIND[ApplicantKind(kind)]
    number = normalise_identity(kind=kind, id_type=id_type, id_number=id_number, date_of_birth=date_of_birth)
    applicant = Applicant.objects.select_for_update().filter(id_type=id_type, id_number=number).first()
    if applicant is not None and applicant.user_id:
        raise Conflict(
            _("This number already has an online account: log in, or reset the password."),
            code="account_exists",
            fields={"id_number": _("Already has an account.")},
        )
    if applicant is not None and not applicant.email:
        raise Conflict(
            _("This number is known at a desk without an e-mail address: ask the desk to record one first."),
            code="applicant_without_email",
            fields={"id_number": _("Known without an e-mail address.")},
        )
    if applicant is None:
        applicant = applicant_register(
            kind=kind, id_type=id_type, id_number=number, name=name, date_of_birth=date_of_birth, address=address,
            phone=phone, email=email.strip(),
        )  # fmt: skip
    user = applicant_open_account(applicant=applicant, password=password, email=applicant.email)
    user.is_active = False
    user.save(update_fields=["is_active"])
    link = site_url.rstrip("/") + verification_path(user)
    subject = _("Confirm your motcua account")
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": applicant.name},
            _("Open this link to activate your account (user name %(username)s):") % {"username": user.username},
            link,
            _("If you did not register, ignore this message."),
        ]
    )
    recipient = applicant.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))
    return user


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
