"""The staff page of the TT 01/2018 evaluation: units (the agency and its direct children) and officials, for a
quarter or a year; leaders, inspectors and agency administrators of the scope only. Parses, calls one service,
renders."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats

from motcua.core import clock
from motcua.orgs.models import Agency, StaffRole
from motcua.orgs.policy import Action, can, figure_roots, scope_agency_ids
from motcua.orgs.selectors import agencies_in_tree_order
from motcua.scoring import services
from motcua.scoring.indicators import CLASS_LABELS, DEFINITIONS, IndicatorScore

LOGIN_URL = "/staff/dang-nhap/"
TABS = ("units", "officials")


@dataclass
class NavScope:
    """What the staff navigation reads (``request.scope``)."""

    view: set[int] | None
    roles: set[str]
    may_receive: bool = False


def vn_number(value: Decimal | int | None, decimals: int = 1) -> str:
    """A score in the active language's format (Vietnamese: 12,5); an empty cell for no data."""
    if value is None:
        return "—"
    return formats.number_format(value, decimal_pos=decimals)


def _cells(scores: list[IndicatorScore]) -> list[dict[str, Any]]:
    return [{"label": f"{s.number}. {s.label}", "value": vn_number(s.score)} for s in scores]


def _int(raw: str | None, low: int, high: int) -> int | None:
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if low <= value <= high else None


def _choices(roots: list[Agency] | None) -> list[Agency]:
    """The agencies offered in the selector: the reader's agencies and their direct children."""
    tops = roots if roots is not None else list(Agency.objects.filter(parent__isnull=True))
    children = Agency.objects.filter(parent__in=tops)
    seen: dict[int, Agency] = {}
    for agency in [*tops, *children]:
        seen.setdefault(agency.pk, agency)
    return agencies_in_tree_order(seen.values())  # the tree, and the official order among siblings


def _may_receive(user: Any) -> bool:
    receive = scope_agency_ids(user, Action.RECEIVE)
    return receive is None or bool(receive)


def scores_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), LOGIN_URL)
    roots = figure_roots(request.user)
    request.scope = NavScope(  # type: ignore[attr-defined]
        view=scope_agency_ids(request.user, Action.VIEW),
        roles=set(StaffRole.objects.filter(user=request.user, is_active=True).values_list("role", flat=True)),
        may_receive=_may_receive(request.user),
    )
    if roots is not None and not roots:
        return render(request, "backoffice/forbidden.html", status=403)
    choices = _choices(roots)
    code = request.GET.get("agency", "")
    agency = next((a for a in choices if a.code == code), None) or Agency.objects.filter(code=code).first()
    if agency is None:
        agency = choices[0] if choices else None
    if agency is None or not can(request.user, Action.READ_FIGURES, agency):
        return render(request, "backoffice/forbidden.html", status=403)
    this_year = clock.today().year
    year = _int(request.GET.get("year"), services.FIRST_YEAR, services.LAST_YEAR) or this_year
    quarter = _int(request.GET.get("quarter"), 1, 4)
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "units"
    context: dict[str, Any] = {
        "nav": "scoring", "agency": agency, "choices": choices, "choice_ids": {a.pk for a in choices},
        "year": year, "quarter": quarter, "tab": tab,
        "years": sorted({*range(this_year - 5, this_year + 1), year}, reverse=True), "quarters": (1, 2, 3, 4),
        "period": services.Period.of(year, quarter),
    }  # fmt: skip
    if tab == "units":
        context["definitions"] = DEFINITIONS
        rows = [
            {"code": u.agency.code, "name": u.agency.name, "dossiers": u.dossiers, "cells": _cells(u.indicators),
             "total": vn_number(u.total), "max": vn_number(u.max_available, 0),
             "classification": CLASS_LABELS.get(u.classification or "", "—")}
            for u in services.cached_unit_scores(agency, year, quarter)
        ]  # fmt: skip
        # The agency itself always; its units only with dossiers ended in the period, the others named apart.
        context["rows"] = [r for n, r in enumerate(rows) if n == 0 or r["dossiers"]]
        context["idle"] = [r["name"] for n, r in enumerate(rows) if n and not r["dossiers"]]
    else:
        context["definitions"] = [d for d in DEFINITIONS if d.for_officials]
        context["rows"] = [
            {"name": o.name or o.username, "username": o.username, "dossiers": o.dossiers,
             "cells": _cells(o.indicators), "total": vn_number(o.total), "max": vn_number(o.max_available, 0),
             "classification": CLASS_LABELS.get(o.classification or "", "—")}
            for o in services.cached_official_scores(agency, year, quarter)
        ]  # fmt: skip
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "scores":
        return render(request, "scoring/_table.html", context)
    return render(request, "scoring/page.html", context)
