"""Writes for staff roles and signing delegations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.orgs.models import Agency, Delegation, Role, StaffRole, Unit


@transaction.atomic
def staff_role_grant(*, user: Any, agency: Agency, role: str, unit: Unit | None = None) -> StaffRole:
    if role not in Role.values:
        raise ValidationFailed(_("Unknown role “%(role)s”.") % {"role": role}, fields={"role": _("Unknown role.")})
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationFailed(
            _("Unit %(unit)s does not belong to %(agency)s.") % {"unit": unit.name, "agency": agency.name},
            fields={"unit": _("Not a unit of this agency.")},
        )
    staff_role, created = StaffRole.objects.get_or_create(
        user=user, agency=agency, unit=unit, role=role, defaults={"is_active": True}
    )
    if not created and not staff_role.is_active:
        staff_role.is_active = True
        staff_role.save(update_fields=["is_active", "updated_at"])
    return staff_role


@transaction.atomic
def staff_role_revoke(*, staff_role: StaffRole) -> None:
    StaffRole.objects.filter(pk=staff_role.pk).update(is_active=False, updated_at=clock.now())


def delegation_check(
    *, delegator: Any, delegate: Any, agency: Agency, starts_at: dt.datetime, ends_at: dt.datetime
) -> None:
    """Raise :class:`ValidationFailed` unless the delegation is allowed."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationFailed(_("Delegation times must include a time zone."), code="naive_datetime")
    if ends_at <= starts_at:
        raise ValidationFailed(
            _("A delegation must end after it starts."), fields={"ends_at": _("Must be after the start.")}
        )
    if delegator.pk == delegate.pk:
        raise ValidationFailed(_("A leader cannot delegate to themselves."), code="delegate_self")
    if not StaffRole.objects.filter(user=delegator, agency=agency, role=Role.LEADER, is_active=True).exists():
        raise ValidationFailed(
            _("Only a leader of %(agency)s can delegate signing there.") % {"agency": agency.name},
            code="not_a_leader",
        )
    if not StaffRole.objects.filter(user=delegate, agency=agency, is_active=True).exists():
        raise ValidationFailed(
            _("The deputy must be staff of %(agency)s.") % {"agency": agency.name},
            code="delegate_not_staff",
            fields={"delegate": _("Not staff of this agency.")},
        )


@transaction.atomic
def delegation_create(
    *,
    delegator: Any,
    delegate: Any,
    agency: Agency,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str = "",
) -> Delegation:
    """A leader of ``agency`` lets ``delegate`` (staff of the same agency) sign there during [starts_at, ends_at)."""
    delegation_check(delegator=delegator, delegate=delegate, agency=agency, starts_at=starts_at, ends_at=ends_at)
    return Delegation.objects.create(
        delegator=delegator,
        delegate=delegate,
        agency=agency,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )


@transaction.atomic
def delegation_revoke(*, delegation: Delegation) -> None:
    Delegation.objects.filter(pk=delegation.pk, revoked_at__isnull=True).update(revoked_at=clock.now())
