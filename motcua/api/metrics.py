"""The 766 service index and the satisfaction ratings of an agency's subtree, for any period (public, as the national
portal publishes them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.errors import ErrorOut
from motcua.api.params import PERIOD_END, date_field, iso_date
from motcua.catalog.models import Field as CatalogField
from motcua.core.errors import NotFound, ValidationFailed
from motcua.metrics.index import index_report, ratings_report
from motcua.metrics.scope import Part, Scope
from motcua.orgs.selectors import agency_get_by_code

router = Router(tags=["metrics"])

ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
#: The longest period one request may ask for.
MAX_DAYS = 3 * 366 + 1


class PeriodQuery(Schema):
    agency: str = Field(
        description="Identifier code of the agency whose subtree is counted", min_length=1, max_length=13
    )
    from_: str = date_field("First day (local date, inclusive), YYYY-MM-DD", alias="from")
    to: str = date_field(PERIOD_END)
    part: Part = Field(Part.ALL, description="all, or only the provincial bodies, districts or communes of the tree")
    field: str | None = Field(None, description="Sector code of one field (lĩnh vực)", min_length=1, max_length=30)


def _period(params: PeriodQuery) -> tuple[Scope, dt.date, dt.date, int | None]:
    start, end = iso_date(params.from_, "from"), iso_date(params.to, "to")
    if end < start:
        raise ValidationFailed(_("The period ends before it starts."), fields={"to": _("Not before “from”.")})
    if (end - start).days >= MAX_DAYS:
        raise ValidationFailed(
            _("A period is at most %(n)d days.") % {"n": MAX_DAYS}, fields={"to": _("Period too long.")}
        )
    agency = agency_get_by_code(params.agency)
    if agency is None:
        raise NotFound(_("No agency has the identifier code %(code)s.") % {"code": params.agency})
    field_id = None
    if params.field:
        field_id = CatalogField.objects.filter(code=params.field).values_list("pk", flat=True).first()
        if field_id is None:
            raise NotFound(_("No field has the code %(code)s.") % {"code": params.field}, code="field_not_found")
    return Scope(agency, params.part), start, end, field_id


class IndexComponentOut(Schema):
    key: str
    numerator: int | None
    denominator: int | None
    score: float | None
    max: float | None


class IndicatorOut(Schema):
    key: str
    numerator: int | None
    denominator: int | None
    score: float | None
    max: float
    status: str = Field(description="ok, no_data, no_petitions (full points) or not_applicable")
    value: float | None = Field(None, description="A shown value: average working days, satisfaction rate")
    components: list[IndexComponentOut] | None = None


class GroupOut(Schema):
    key: str
    score: float
    max: float
    max_available: float
    status: str
    indicators: list[IndicatorOut]


class IndexOut(Schema):
    agency: str
    agency_name: str
    part: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    total: float
    max: float
    max_available: float = Field(description="The points of the indicators motcua can feed")
    band: str | None
    groups: list[GroupOut]


class DisplayOut(Schema):
    rule: str
    decimals: int


class RatingsOut(Schema):
    agency: str
    agency_name: str
    part: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    eligible: int = Field(description="Dossiers whose result was returned in the period")
    rated: int
    satisfied: int
    rated_rate: float = Field(description="rated ÷ eligible, in percent, shown by the display rule")
    satisfied_rate: float = Field(description="satisfied ÷ rated, in percent, shown by the display rule")
    display: DisplayOut


@router.get(
    "/index", response={200: IndexOut, **ERRORS}, summary="The 766 service index", by_alias=True, exclude_unset=True
)
def index(request: HttpRequest, params: Query[PeriodQuery]) -> dict[str, Any]:
    scope, start, end, field_id = _period(params)
    return index_report(scope=scope, start=start, end=end, field_id=field_id)


@router.get("/ratings", response={200: RatingsOut, **ERRORS}, summary="Satisfaction ratings", by_alias=True)
def ratings(request: HttpRequest, params: Query[PeriodQuery]) -> dict[str, Any]:
    scope, start, end, field_id = _period(params)
    return ratings_report(scope=scope, start=start, end=end, field_id=field_id)
