"""The public index page at /chi-so/ (no login: the rules require the results to be published, RULES §9–§10).

``/chi-so/`` shows the province (the top of the agency tree): its index for the whole, the provincial bodies and the
communes, then each agency of the chosen part with its total, group scores, band, rank and rating figures.
``/chi-so/<code>/`` shows one agency with every group and indicator. The figures are read from the index and kept
in Django's cache for :data:`CACHE_SECONDS`; the period is a month, a quarter or a year (``?period=2026-Q1``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.core import clock
from motcua.core.public_cache import public_cache
from motcua.dashboard import selectors
from motcua.dashboard.periods import Period, period_of_key
from motcua.metrics.index import index_and_ratings
from motcua.metrics.scope import COMMUNE_KINDS, Part, Scope
from motcua.orgs.models import Agency

CACHE_SECONDS = 300
PUBLIC_PARTS = (Part.PROVINCIAL_BODIES, Part.COMMUNES)


def _period(request: HttpRequest) -> Period:
    today = clock.today()
    return period_of_key(request.GET.get("period", ""), today) or Period(
        dt.date(today.year, 1, 1), today, str(today.year)
    )


def period_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """This year and last, the quarters of both up to now, the last 12 months."""
    today = today or clock.today()
    keys = [str(today.year), str(today.year - 1)]
    keys += [f"{y}-Q{q}" for y in (today.year, today.year - 1) for q in (4, 3, 2, 1)
             if dt.date(y, 3 * q - 2, 1) <= today]  # fmt: skip
    month = today.replace(day=1)
    for _i in range(12):
        keys.append(f"{month:%Y-%m}")
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return [(k, p.label) for k in keys if (p := period_of_key(k, today))]


def _root() -> Agency:
    root = Agency.objects.filter(parent__isnull=True, is_active=True).order_by("pk").first()
    if root is None:
        raise Http404("No agency yet.")
    return root


def _summary(root: Agency, period: Period) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        out = []
        for part in (Part.ALL, *PUBLIC_PARTS):
            scope = Scope(root, part)
            report, ratings = index_and_ratings(scope=scope, start=period.start, end=period.end)
            out.append({"part": part.value, "report": report, "ratings": ratings})
        return out

    return selectors.cached(f"dashboard:public:{root.pk}:{period.start}:{period.end}", compute, CACHE_SECONDS)


@public_cache(max_age=60)
def index(request: HttpRequest) -> HttpResponse:
    root = _root()
    period = _period(request)
    try:
        part = Part(request.GET.get("part") or Part.PROVINCIAL_BODIES)
    except ValueError:
        part = Part.PROVINCIAL_BODIES
    if part not in PUBLIC_PARTS:
        part = Part.PROVINCIAL_BODIES
    rows = selectors.ranking(agency=root, period=period, part=part, seconds=CACHE_SECONDS)
    context = {
        "root": root, "period": period, "part": part, "parts": PUBLIC_PARTS, "summary": _summary(root, period),
        "rows": rows, "choices": period_choices(), "group_keys": _group_keys(rows),
    }  # fmt: skip
    return render(request, "dashboard/public_index.html", context)


def _group_keys(rows: list[dict[str, Any]]) -> list[str]:
    return list(rows[0]["groups"]) if rows else []


@public_cache(max_age=60)
def agency(request: HttpRequest, code: str) -> HttpResponse:
    found = Agency.objects.filter(code=code, is_active=True).select_related("parent").first()
    if found is None:
        raise Http404("Unknown agency.")
    period = _period(request)

    def compute() -> dict[str, Any]:
        report, ratings = index_and_ratings(scope=Scope(found), start=period.start, end=period.end)
        return {"report": report, "ratings": ratings}

    data = selectors.cached(f"dashboard:public-agency:{found.pk}:{period.start}:{period.end}", compute, CACHE_SECONDS)
    rank = total_ranked = None
    if found.parent is not None:
        part = Part.COMMUNES if found.kind in COMMUNE_KINDS else Part.PROVINCIAL_BODIES
        siblings = selectors.ranking(agency=found.parent, period=period, part=part, seconds=CACHE_SECONDS)
        ranked = [r for r in siblings if r["rank"] is not None]
        rank = next((r["rank"] for r in ranked if r["id"] == found.pk), None)
        total_ranked = len(ranked)
    has_data = selectors.has_dossiers(selectors.counts_of(data["report"], data["ratings"]))
    context = {
        "agency": found, "period": period, "choices": period_choices(), "report": data["report"],
        "ratings": data["ratings"], "rank": rank, "total_ranked": total_ranked, "has_data": has_data,
    }  # fmt: skip
    return render(request, "dashboard/public_agency.html", context)
