"""Writes of the dashboard: setting an agency's target (a new versioned row, or the row of the same day replaced)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.core import clock
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dashboard.access import access_for
from motcua.dashboard.models import Target, TargetKey
from motcua.orgs.models import Agency


def _threshold(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(_("A number is required."), fields={"threshold": _("A number is required.")}) from exc
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        message = _("A target is a percentage between 0 and 100.")
        raise ValidationFailed(message, fields={"threshold": message})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def target_set(
    *, actor: Actor, agency: Agency, key: str, threshold: Any, valid_from: dt.date | None = None, note: str = ""
) -> Target:
    """Set ``agency``'s target ``key`` from ``valid_from`` (default today): a leader of the agency, an administrator
    of it or of an ancestor, or a system administrator."""
    if not access_for(actor).may_edit_targets(agency):
        raise PermissionDenied(_("You may not set the targets of this agency."), code="forbidden")
    if key not in TargetKey.values:
        raise ValidationFailed(_("Unknown target."), fields={"key": _("Unknown target.")})
    value = _threshold(threshold)
    target, _created = Target.objects.update_or_create(
        agency=agency, key=key, valid_from=valid_from or clock.today(),
        defaults={"threshold": value, "note": note[:255], "created_by": actor},
    )  # fmt: skip
    return target
