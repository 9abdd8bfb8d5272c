"""Query parameters shared by several routers, checked the same way everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from pydantic import Field

from motcua.core.errors import ValidationFailed

#: A calendar day between 2000-01-01 and 2100-12-31, as the API takes it: the schema says ``format: date`` and
#: the pattern (which also bounds the year); ``iso_date`` refuses what the pattern lets through but the calendar
#: does not have (2026-02-30).
DATE_PATTERN = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


#: The description of a period's last day: the rules between ``from`` and ``to`` that OpenAPI cannot state.
PERIOD_END = "Last day (local date, inclusive), YYYY-MM-DD; not before `from`, and the period is at most 1,099 days"


def date_field(description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A ``YYYY-MM-DD`` parameter or body property (see :data:`DATE_PATTERN`)."""
    return Field(default, description=description, pattern=DATE_PATTERN, json_schema_extra={"format": "date"}, **kwargs)


def iso_date(value: str, name: str) -> dt.date:
    """``YYYY-MM-DD`` between 2000 and 2100, else a 422 naming the parameter."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed(_("Not a date."), fields={name: _("Use YYYY-MM-DD.")}) from exc
    if not 2000 <= day.year <= 2100:
        raise ValidationFailed(_("The date is out of range."), fields={name: _("Years 2000–2100.")})
    return day
