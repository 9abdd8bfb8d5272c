"""Writes for people: applicants, their online accounts, authorisations and staff users."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.accounts import identity
from motcua.accounts.models import Applicant, ApplicantKind, Authorisation, IdType, User
from motcua.core.errors import Conflict, ValidationFailed


def _invalid(field: str, exc: ValidationError) -> ValidationFailed:
    return ValidationFailed(exc.messages[0], code=exc.code or "invalid", fields={field: exc.messages})


def normalise_identity(*, kind: str, id_type: str, id_number: str, date_of_birth: dt.date | None = None) -> str:
    """Validate an applicant's identification and return it normalised."""
    allowed = {
        ApplicantKind.CITIZEN: {IdType.CCCD, IdType.PASSPORT},
        ApplicantKind.ORGANISATION: {IdType.TAX_CODE},
    }
    if kind not in allowed:
        raise ValidationFailed(_("Unknown applicant kind “%(kind)s”.") % {"kind": kind}, fields={"kind": kind})
    if id_type not in allowed[ApplicantKind(kind)]:
        raise ValidationFailed(
            _(
                "A citizen is identified by a personal identification number or a passport; "
                "an organisation by its tax code."
            ),
            code="id_type",
            fields={"id_type": _("Not allowed for this kind of applicant.")},
        )
    try:
        if id_type == IdType.CCCD:
            return identity.validate_cccd(id_number, date_of_birth)
        if id_type == IdType.TAX_CODE:
            return identity.validate_tax_code(id_number)
        return identity.validate_passport(id_number)
    except ValidationError as exc:
        raise _invalid("id_number", exc) from exc


@transaction.atomic
def applicant_register(
    *,
    kind: str,
    id_type: str,
    id_number: str,
    name: str,
    date_of_birth: dt.date | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    legal_representative: str = "",
) -> Applicant:
    """Record an applicant; refuses a malformed identification or one already registered."""
    number = normalise_identity(kind=kind, id_type=id_type, id_number=id_number, date_of_birth=date_of_birth)
    if not name.strip():
        raise ValidationFailed(_("The applicant's name is required."), fields={"name": _("Required.")})
    if Applicant.objects.filter(id_type=id_type, id_number=number).exists():
        raise Conflict(
            _("An applicant with identification number %(number)s is already registered.") % {"number": number},
            code="applicant_exists",
            fields={"id_number": _("Already registered.")},
        )
    applicant = Applicant(
        kind=kind,
        id_type=id_type,
        id_number=number,
        name=name.strip(),
        date_of_birth=date_of_birth,
        address=address,
        phone=phone,
        email=email,
        legal_representative=legal_representative,
    )
    try:
        applicant.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(_("The data is not valid."), fields=exc.message_dict) from exc
    try:
        with transaction.atomic():
            applicant.save()
    except IntegrityError as exc:  # a concurrent registration of the same number
        raise Conflict(
            _("An applicant with identification number %(number)s is already registered.") % {"number": number},
            code="applicant_exists",
        ) from exc
    return applicant


@transaction.atomic
def applicant_open_account(*, applicant: Applicant, password: str, email: str = "") -> User:
    """Give an applicant an online account; the user name is their identification number."""
    applicant = Applicant.objects.select_for_update().get(pk=applicant.pk)
    if applicant.user_id:
        raise Conflict(_("This applicant already has an online account."), code="account_exists")
    user = User(
        username=applicant.id_number,
        full_name=applicant.name,
        email=email or applicant.email,
        phone=applicant.phone,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(exc.messages[0], code="password", fields={"password": exc.messages}) from exc
    if User.objects.filter(username=user.username).exists():
        raise Conflict(_("The user name %(name)s is taken.") % {"name": user.username}, code="username_taken")
    user.set_password(password)
    user.save()
    applicant.user = user
    applicant.save(update_fields=["user"])
    return user


@transaction.atomic
def authorisation_grant(
    *,
    principal: Applicant,
    representative: Applicant,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    document_number: str = "",
    scope: str = "",
) -> Authorisation:
    if principal.pk == representative.pk:
        raise ValidationFailed(_("An applicant cannot authorise themselves."), code="authorise_self")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationFailed(
            _("The authorisation ends before it starts."),
            fields={"valid_to": _("Must not be before the start.")},
        )
    return Authorisation.objects.create(
        principal=principal,
        representative=representative,
        valid_from=valid_from,
        valid_to=valid_to,
        document_number=document_number,
        scope=scope,
    )


def may_represent(*, representative: Applicant, principal: Applicant, on: dt.date) -> bool:
    if representative.pk == principal.pk:
        return True
    return (
        Authorisation.objects.filter(principal=principal, representative=representative, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .exists()
    )


@transaction.atomic
def staff_user_create(*, username: str, full_name: str, password: str, email: str = "", phone: str = "") -> User:
    if User.objects.filter(username=username).exists():
        raise Conflict(_("The user name %(name)s is taken.") % {"name": username}, code="username_taken")
    user = User(username=username, full_name=full_name, email=email, phone=phone)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(exc.messages[0], code="password", fields={"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    return user
