"""TT 01/2018 evaluation of units (public: the results are published) and of officials (staff of the scope)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.auth import AUTH, current_user
from motcua.api.errors import ErrorOut
from motcua.core.errors import NotFound, PermissionDenied
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, can
from motcua.orgs.selectors import agency_get_by_code
from motcua.scoring import services
from motcua.scoring.indicators import IndicatorScore

router = Router(tags=["scoring"])

ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}


class ScoringQuery(Schema):
    agency: str = Field(description="Identifier code of the agency", min_length=1, max_length=13)
    year: int = Field(ge=services.FIRST_YEAR, le=services.LAST_YEAR)
    quarter: int | None = Field(None, ge=1, le=4, description="1–4; without it, the whole year")


class ScoringIndicatorOut(Schema):
    number: int
    key: str
    score: float | None = Field(description="Points ÷ dossiers with data, rounded half up to 0.1; null: no data")
    status: str = Field(description="ok, or no_data (left out of the total)")


class ScoringUnitOut(Schema):
    agency: str
    agency_name: str
    dossiers: int = Field(description="Dossiers decided in the period (lead agency in the unit's subtree)")
    indicators: list[ScoringIndicatorOut]
    total: float
    max_available: float = Field(description="2 × the indicators with data")
    classification: str | None = Field(description="excellent, good, fair, average or weak; null without data")


class ScoringUnitsOut(Schema):
    agency: str
    year: int
    quarter: int | None
    units: list[ScoringUnitOut]


class ScoringOfficialOut(Schema):
    username: str
    name: str
    dossiers: int
    indicators: list[ScoringIndicatorOut]
    total: float
    max_available: float
    classification: str | None = Field(description="done_100, done_70_100 or done_under_70; null without data")


class ScoringOfficialsOut(Schema):
    agency: str
    year: int
    quarter: int | None
    officials: list[ScoringOfficialOut]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _indicators(scores: list[IndicatorScore]) -> list[dict[str, Any]]:
    return [{"number": s.number, "key": s.key, "score": _number(s.score), "status": s.status} for s in scores]


def _agency(code: str) -> Agency:
    agency = agency_get_by_code(code)
    if agency is None:
        raise NotFound(_("No agency has the identifier code %(code)s.") % {"code": code})
    return agency


@router.get("/units", response={200: ScoringUnitsOut, **ERRORS}, summary="TT 01/2018 scores of an agency and its units")
def units(request: HttpRequest, params: Query[ScoringQuery]) -> dict[str, Any]:
    agency = _agency(params.agency)
    rows = services.cached_unit_scores(agency, params.year, params.quarter)
    return {
        "agency": agency.code, "year": params.year, "quarter": params.quarter,
        "units": [
            {"agency": u.agency.code, "agency_name": u.agency.name, "dossiers": u.dossiers,
             "indicators": _indicators(u.indicators), "total": float(u.total), "max_available": u.max_available,
             "classification": u.classification}
            for u in rows
        ],
    }  # fmt: skip


@router.get(
    "/officials",
    response={200: ScoringOfficialsOut, 403: ErrorOut, **ERRORS},
    auth=AUTH,
    summary="TT 01/2018 classification of the officials who handled the agency's dossiers",
)
def officials(request: HttpRequest, params: Query[ScoringQuery]) -> dict[str, Any]:
    user = current_user(request)
    agency = _agency(params.agency)
    if not can(user, Action.READ_FIGURES, agency):
        raise PermissionDenied(_("Only leaders, inspectors and administrators of this agency may read it."))
    rows = services.cached_official_scores(agency, params.year, params.quarter)
    return {
        "agency": agency.code, "year": params.year, "quarter": params.quarter,
        "officials": [
            {"username": o.username, "name": o.name, "dossiers": o.dossiers, "indicators": _indicators(o.indicators),
             "total": float(o.total), "max_available": o.max_available, "classification": o.classification}
            for o in rows
        ],
    }  # fmt: skip
