"""Working calendar: due moments of legal time limits and each year's special days (public, read-only)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import AwareDatetime, Field, WithJsonSchema, field_validator

from motcua.api.errors import ErrorOut
from motcua.core.errors import NotFound, ValidationFailed
from motcua.orgs.selectors import agency_get_by_code
from motcua.workcalendar import selectors
from motcua.workcalendar.engine import VN_TZ, WorkCalendar
from motcua.workcalendar.services import add_working_time, working_time_between
from motcua.workcalendar.units import TimeUnit

router = Router(tags=["calendar"])

_AGENCY = Field(
    None,
    description="Identifier code of the receiving agency (its own or nearest ancestor's calendar is used). "
    "Default: the national calendar.",
    min_length=1,
    max_length=13,
)


#: A reception moment the calendar can count from: ISO 8601 with its offset, years 1990–2090 (with the longest
#: limit below, the due moment stays within the calendar's years, 1990–2100). The schema says exactly this.
MOMENT = (
    r"^(199[0-9]|20[0-8][0-9]|2090)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])$"
)
_MOMENT = re.compile(MOMENT)
MAX_DAYS, MAX_HOURS = 2000, 16000


def _number(maximum: int, **extra: Any) -> Any:
    """A decimal parameter said as a number (pydantic would also admit any string in the schema)."""
    return WithJsonSchema({"type": "number", "minimum": 0, "maximum": maximum, **extra})


class DeadlineQuery(Schema):
    start: Annotated[AwareDatetime, WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT})] = (
        Field(..., description="Reception moment, ISO 8601 with its UTC offset, between 1990 and 2090.")
    )
    days: Annotated[Decimal, _number(MAX_DAYS, multipleOf=0.5)] | None = Field(
        None,
        description="Time limit in working days (multiples of 0.5). Give exactly one of days and hours.",
        ge=0,
        le=MAX_DAYS,
        multiple_of=0.5,
        allow_inf_nan=False,
    )
    hours: Annotated[Decimal, _number(MAX_HOURS)] | None = Field(
        None,
        description="Time limit in working hours (rounded to the minute). Give exactly one of days and hours.",
        ge=0,
        le=MAX_HOURS,
        allow_inf_nan=False,
    )
    agency: str | None = _AGENCY

    @field_validator("start", mode="before")
    @classmethod
    def _iso_text(cls, value: Any) -> Any:
        if not isinstance(value, str) or not _MOMENT.match(value):
            raise ValueError(
                "expected an ISO 8601 date and time with offset between 1990 and 2090, e.g. 2025-04-25T09:00:00+07:00"
            )
        return value


class DeadlineOut(Schema):
    due: str = Field(..., description="Due moment, ISO 8601 in Vietnam time (+07:00).")
    working_minutes: int = Field(..., description="Office minutes from the start to the due moment.")


class DaysQuery(Schema):
    year: int = Field(..., ge=1990, le=2100, description="Calendar year.")
    agency: str | None = _AGENCY


class DayOut(Schema):
    date: str = Field(..., description="YYYY-MM-DD")
    working: bool
    kind: str = Field(..., description="holiday | compensatory | swapped_off | swapped_working")
    reason: str
    decision_no: str = Field(..., description="Number of the announcing decision, when known.")


def _calendar(agency_code: str | None) -> WorkCalendar:
    if agency_code is None:
        return selectors.work_calendar_for_agency(None)
    agency = agency_get_by_code(agency_code)
    if agency is None:
        raise NotFound(_("No agency has the identifier code %(code)s.") % {"code": agency_code})
    return selectors.work_calendar_for_agency(agency)


@router.get(
    "/deadline",
    response={200: DeadlineOut, 404: ErrorOut, 422: ErrorOut},
    summary="Due moment of a time limit counted in working time",
    description="Give exactly one of `days` and `hours` (neither or both is a 422 `days_or_hours`).",
)
def deadline(request: HttpRequest, params: Query[DeadlineQuery]) -> DeadlineOut:
    if (params.days is None) == (params.hours is None):
        message = _("Give either days or hours.")
        raise ValidationFailed(message, code="days_or_hours", fields={"days": message, "hours": message})
    calendar = _calendar(params.agency)
    unit, amount, field = (
        (TimeUnit.WORKING_DAY, params.days, "days")
        if params.days is not None
        else (TimeUnit.WORKING_HOUR, params.hours, "hours")
    )
    try:
        due = add_working_time(start=params.start, amount=amount or 0, unit=unit, calendar=calendar)
    except ValidationFailed as exc:
        if "amount" in exc.fields:
            exc.fields[field] = exc.fields.pop("amount")
        raise
    spent = working_time_between(start=params.start, end=due, calendar=calendar)
    return DeadlineOut(due=due.astimezone(VN_TZ).isoformat(), working_minutes=spent.minutes)


@router.get(
    "/days",
    response={200: list[DayOut], 404: ErrorOut, 422: ErrorOut},
    summary="The non-ordinary days of a year: holidays, compensatory and swapped days",
)
def days(request: HttpRequest, params: Query[DaysQuery]) -> list[DayOut]:
    calendar = _calendar(params.agency)
    return [
        DayOut(
            date=info.date.isoformat(),
            working=info.working,
            kind=info.kind,
            reason=info.reason,
            decision_no=info.decision_no,
        )
        for info in selectors.year_days(calendar, params.year)
    ]
