"""Query parameters shared by several routers, checked the same way everywhere."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed


def iso_date(value: str, name: str) -> dt.date:
    """``YYYY-MM-DD`` between 2000 and 2100, else a 422 naming the parameter."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed(_("Not a date."), fields={name: _("Use YYYY-MM-DD.")}) from exc
    if not 2000 <= day.year <= 2100:
        raise ValidationFailed(_("The date is out of range."), fields={name: _("Years 2000–2100.")})
    return day
