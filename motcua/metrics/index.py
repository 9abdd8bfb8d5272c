"""The index of one scope and period, and the rating figures, ready for the API (numbers shown by the display rule)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.conf import settings

from motcua.metrics import formulas
from motcua.metrics.catalogue import CatalogueFacts, catalogue_facts
from motcua.metrics.config import Config, config_on
from motcua.metrics.display import shown_by
from motcua.metrics.measures import M
from motcua.metrics.petitions import petition_counts
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import Sums, measure_sums


def sync_available() -> bool:
    """Whether motcua delivers dossier statuses to the national portal (else it cannot know what reached it)."""
    return bool(settings.NATIONAL_PORTAL_URL)


def _number(value: Fraction | int | None, config: Config) -> float | int | None:
    if value is None or isinstance(value, int):
        return value
    return shown_by(config, value)


def _component(c: formulas.Component, config: Config) -> dict[str, Any]:
    return {"key": c.key, "numerator": c.numerator, "denominator": c.denominator,
            "score": _number(c.score, config), "max": _number(c.max, config)}  # fmt: skip


def _indicator(i: formulas.Indicator, config: Config) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": i.key, "numerator": i.numerator, "denominator": i.denominator,
        "score": _number(i.score, config) if i.status in formulas.COUNTED else None,
        "max": _number(i.max, config), "status": i.status,
    }  # fmt: skip
    if i.value is not None:
        out["value"] = _number(i.value, config)
    if i.components is not None:
        out["components"] = [_component(c, config) for c in i.components]
    return out


def _header(scope: Scope, start: dt.date, end: dt.date) -> dict[str, Any]:
    root = scope.root
    return {"agency": root.code, "agency_name": root.name, "part": scope.part.value, "from": start, "to": end}


def index_report(
    *,
    scope: Scope,
    start: dt.date,
    end: dt.date,
    field_id: int | None = None,
    sums: Sums | None = None,
    facts: CatalogueFacts | None = None,
) -> dict[str, Any]:
    """The 766 index of ``scope`` over [start, end] (inclusive local dates), with the configuration in force on
    ``end``; ``sums`` and ``facts``: the measures and catalogue inputs already read for the same scope and period
    (a ranking reads them for all its agencies at once)."""
    config = config_on(end)
    if sums is None:
        sums = measure_sums(scope=scope, start=start, end=end, field_id=field_id)
    if facts is None:
        facts = catalogue_facts(scope, start, end, config, field_id)
    groups = formulas.all_groups(
        sums, facts, config, petitions=petition_counts(scope, start, end), sync_available=sync_available()
    )
    total = sum((g.score for g in groups), Fraction(0))
    available = sum((g.max_available for g in groups), Fraction(0))
    return {
        **_header(scope, start, end),
        "total": _number(total, config),
        "max": _number(sum((g.max for g in groups), Fraction(0)), config),
        "max_available": _number(available, config),
        "band": formulas.band(total, available, config),
        "groups": [
            {
                "key": g.key,
                "score": _number(g.score, config),
                "max": _number(g.max, config),
                "max_available": _number(g.max_available, config),
                "status": g.status,
                "indicators": [_indicator(i, config) for i in g.indicators],
            }
            for g in groups
        ],  # fmt: skip
    }


def ratings_report(
    *, scope: Scope, start: dt.date, end: dt.date, field_id: int | None = None, sums: Sums | None = None
) -> dict[str, Any]:
    """Dossiers returned in [start, end] (eligible), rated, satisfied; rated ÷ eligible and satisfied ÷ rated in
    percent, shown by the display rule (truncated to 2 decimals by default)."""
    config = config_on(end)
    if sums is None:
        sums = measure_sums(scope=scope, start=start, end=end, field_id=field_id)
    eligible, rated, satisfied = sums.flow(M.RETURNED), sums.flow(M.RATED), sums.flow(M.SATISFIED)
    return {
        **_header(scope, start, end),
        "eligible": eligible,
        "rated": rated,
        "satisfied": satisfied,
        "rated_rate": shown_by(config, 100 * formulas.ratio(rated, eligible)),
        "satisfied_rate": shown_by(config, 100 * formulas.ratio(satisfied, rated)),
        "display": {"rule": config.value("display.rule"), "decimals": config.integer("display.decimals")},
    }


def index_and_ratings(
    *, scope: Scope, start: dt.date, end: dt.date, field_id: int | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`index_report` and :func:`ratings_report` of one scope and period, from one read of the measures."""
    sums = measure_sums(scope=scope, start=start, end=end, field_id=field_id)
    return (
        index_report(scope=scope, start=start, end=end, field_id=field_id, sums=sums),
        ratings_report(scope=scope, start=start, end=end, field_id=field_id, sums=sums),
    )
