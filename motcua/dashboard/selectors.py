"""What the dashboard and the public page show, read from the index (``metrics.index``) — never by scanning dossiers.

- :func:`overview`: the index of one scope and period with its counts (each a drill-down measure), the rating
  figures and the targets with their gaps;
- :func:`ranking`: each child agency's index, sorted, ranked, banded;
- :func:`trend`: one index read per month of the period.

Reads of several agencies or months are cached briefly (:data:`CACHE_SECONDS`) in Django's cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from motcua.core import caching
from motcua.dashboard.periods import Period
from motcua.dashboard.targets import targets_in_force
from motcua.metrics.catalogue import CatalogueFacts, catalogue_facts_of_subtrees
from motcua.metrics.config import config_on
from motcua.metrics.display import shown_by
from motcua.metrics.index import index_and_ratings, index_report, ratings_report
from motcua.metrics.resolved import resolved_total
from motcua.metrics.scope import PART_KINDS, Part, Scope
from motcua.metrics.selectors import Sums, measure_sums_of_subtrees
from motcua.orgs.models import Agency

T = TypeVar("T")

CACHE_SECONDS = 120


def _indicator(report: dict[str, Any], group: str, key: str) -> dict[str, Any]:
    for g in report["groups"]:
        if g["key"] == group:
            for i in g["indicators"]:
                if i["key"] == key:
                    return i
    return {}


def _component(indicator: dict[str, Any], key: str) -> tuple[int, int]:
    for c in indicator.get("components") or []:
        if c["key"] == key:
            return int(c["numerator"] or 0), int(c["denominator"] or 0)
    return 0, 0


def counts_of(report: dict[str, Any], ratings: dict[str, Any] | None = None) -> dict[str, int]:
    """The dossier counts behind the index, keyed by drill-down measure (``motcua.dashboard.drilldown``)."""
    on_time = _indicator(report, "progress", "on_time")
    finished_on_time, finished = _component(on_time, "finished_on_time")
    finished_early, _f = _component(on_time, "finished_early")
    open_on_time, open_ = _component(on_time, "in_progress_on_time")
    full_online, full_eligible = _component(_indicator(report, "online_services", "full_online"), "online_submissions")
    paid_online, with_fees = _component(_indicator(report, "online_payment", "online_payment"), "A")
    digitised = _indicator(report, "digitisation", "digitised")
    electronic = _indicator(report, "digitisation", "electronic_result")
    counts = {
        "received": int(digitised.get("denominator") or 0),
        "counted": finished + open_,
        "handled_on_time": finished_on_time + open_on_time,
        "late": (finished - finished_on_time) + (open_ - open_on_time),
        "finished": finished,
        "finished_on_time": finished_on_time,
        "finished_early": finished_early,
        "finished_late": finished - finished_on_time,
        "in_progress": open_,
        "in_progress_on_time": open_on_time,
        "overdue": open_ - open_on_time,
        "full_eligible": full_eligible,
        "full_online": full_online,
        "with_fees": with_fees,
        "paid_online": paid_online,
        "digitised": int(digitised.get("numerator") or 0),
        "reused": int(_indicator(report, "digitisation", "reuse").get("numerator") or 0),
        "synced": int(_indicator(report, "transparency", "dossiers_synced").get("numerator") or 0),
        "decided": int(electronic.get("denominator") or 0),
        "electronic_result": int(electronic.get("numerator") or 0),
    }
    if ratings is not None:
        counts.update(
            returned=ratings["eligible"], rated=ratings["rated"], satisfied=ratings["satisfied"],
            not_satisfied=ratings["rated"] - ratings["satisfied"],
        )  # fmt: skip
    return counts


def has_dossiers(counts: dict[str, int]) -> bool:
    """Whether the period has any dossier of the agency to judge it on (received, or handled or open in it)."""
    return bool(counts.get("received") or counts.get("counted"))


def resolved_counts(scope: Scope, start: dt.date, end: dt.date) -> dict[str, int]:
    """The dashboard's "finished" numbers are the resolved dossiers of ``metrics.resolved`` (withdrawn and stopped
    ones left out), the report's definition; the 766 on-time figures above keep the formula's own counting."""
    resolved = resolved_total(scope=scope, start=start, end=end)
    return {
        "finished": resolved.total,
        "finished_on_time": resolved.on_time,
        "finished_early": resolved.early,
        "finished_late": resolved.late,
    }


@dataclass
class TargetRow:
    key: str
    threshold: Decimal
    source: Agency | None
    valid_from: dt.date | None
    numerator: int
    denominator: int
    measure: str  # the drill-down measure of the numerator ("" when it counts procedures, not dossiers)
    actual: float | None  # percent, by the display rule; None without a denominator
    gap: float | None  # actual − threshold, in percentage points, by the display rule

    @property
    def met(self) -> bool | None:
        return None if self.gap is None else self.gap >= 0


#: target key -> (numerator measure or "", how to read (numerator, denominator) from the counts / report)
def _target_ratios(report: dict[str, Any], counts: dict[str, int]) -> dict[str, tuple[str, int, int]]:
    paid_procedures, fee_procedures = _component(_indicator(report, "online_payment", "online_payment"), "B")
    return {
        "full_process_online_share": ("full_online", counts["full_online"], counts["full_eligible"]),
        "paid_online_share": ("paid_online", counts["paid_online"], counts["with_fees"]),
        "fee_procedures_paid_online_share": ("", paid_procedures, fee_procedures),
        "on_time_share": ("handled_on_time", counts["handled_on_time"], counts["counted"]),
        "rated_share": ("rated", counts.get("rated", 0), counts.get("returned", 0)),
        "satisfied_share": ("satisfied", counts.get("satisfied", 0), counts.get("rated", 0)),
    }


def targets_with_gaps(
    agency: Agency, period: Period, report: dict[str, Any], counts: dict[str, int]
) -> list[TargetRow]:
    """Each target in force on the period's last day, the actual share and the gap (actual − target, points)."""
    config = config_on(period.end)
    in_force = targets_in_force(agency, period.end)
    rows = []
    for key, (measure, n, d) in _target_ratios(report, counts).items():
        target = in_force[key]
        exact = Fraction(100 * n, d) if d else None
        rows.append(TargetRow(
            key=key, threshold=target.threshold, source=target.source, valid_from=target.valid_from,
            numerator=n, denominator=d, measure=measure,
            actual=shown_by(config, exact) if exact is not None else None,
            gap=shown_by(config, exact - Fraction(target.threshold)) if exact is not None else None,
        ))  # fmt: skip
    return rows


@dataclass
class Overview:
    agency: Agency
    part: Part
    period: Period
    report: dict[str, Any]
    ratings: dict[str, Any]
    counts: dict[str, int]
    targets: list[TargetRow] = field(default_factory=list)


def overview(*, agency: Agency, period: Period, part: Part = Part.ALL) -> Overview:
    """The index, its counts, the rating figures and the targets of ``agency``'s scope over ``period``."""
    scope = Scope(agency, part)
    report, ratings = index_and_ratings(scope=scope, start=period.start, end=period.end)
    counts = counts_of(report, ratings)
    counts.update(resolved_counts(scope, period.start, period.end))
    return Overview(agency, part, period, report, ratings, counts, targets_with_gaps(agency, period, report, counts))


# ---- several agencies, several months ------------------------------------------------------------------------


def cached(key: str, compute: Callable[[], T], seconds: int = CACHE_SECONDS) -> T:
    return caching.cached(key, compute, seconds)


def children(agency: Agency, part: Part = Part.ALL) -> list[Agency]:
    """The active direct children of ``agency`` (only those of one part of the tree, if asked)."""
    qs = Agency.objects.filter(parent=agency, is_active=True)
    kinds = PART_KINDS[part]
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    return list(qs.order_by("name"))


def agency_row(agency: Agency, period: Period, read: Subtrees | None = None) -> dict[str, Any]:
    """One agency's line of a ranking: its index (total, groups, band) and rating figures; ``read``: its inputs
    when already read with its siblings' (:func:`read_subtrees`)."""
    scope = Scope(agency)
    if read is None:
        report, ratings = index_and_ratings(scope=scope, start=period.start, end=period.end)
    else:
        sums, facts = read.sums[agency.pk], read.facts[agency.pk]
        report = index_report(scope=scope, start=period.start, end=period.end, sums=sums, facts=facts)
        ratings = ratings_report(scope=scope, start=period.start, end=period.end, sums=sums)
    counts = counts_of(report, ratings)
    on_time = _indicator(report, "progress", "on_time")
    config = config_on(period.end)
    data = has_dossiers(counts)
    return {
        "id": agency.pk, "code": agency.code, "name": agency.name, "short_name": agency.short_name or agency.name,
        "kind": agency.kind, "total": report["total"], "max_available": report["max_available"],
        "has_data": data, "band": report["band"] if data else "",
        "groups": {g["key"]: (g["score"], g["max_available"]) for g in report["groups"]},
        "on_time_rate": shown_by(config, 100 * Fraction(on_time["numerator"], on_time["denominator"]))
        if on_time.get("denominator") else None,
        "counts": counts, "ratings": ratings,
    }  # fmt: skip


@dataclass
class Subtrees:
    """The index inputs of several agencies' subtrees, read together."""

    sums: dict[int, Sums]
    facts: dict[int, CatalogueFacts]


def read_subtrees(parent: Agency, roots: list[Agency], period: Period) -> Subtrees:
    """The measures and catalogue inputs of each of ``roots`` in two reads of ``parent``'s tree, not five per root."""
    start, end = period.start, period.end
    return Subtrees(
        measure_sums_of_subtrees(parent=parent, roots=roots, start=start, end=end),
        catalogue_facts_of_subtrees(parent=parent, roots=roots, start=start, end=end, config=config_on(end)),
    )


def rank(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sorted by total (high first), then by name; equal totals share a rank (1, 2, 2, 4). An agency with nothing
    counted (no available points) or with no dossier in the period ("no data": its catalogue and petition points
    alone would rank it) comes last, unranked and without a band."""

    def ranked(r: dict[str, Any]) -> bool:
        return bool(r["max_available"]) and r.get("has_data", True)

    scored = sorted((r for r in rows if ranked(r)), key=lambda r: (-r["total"], r["name"]))
    unscored = sorted((r for r in rows if not ranked(r)), key=lambda r: r["name"])
    previous: tuple[float, int] | None = None
    for position, row in enumerate(scored, start=1):
        row["rank"] = previous[1] if previous and previous[0] == row["total"] else position
        previous = (row["total"], row["rank"])
    for row in unscored:
        row["rank"] = None
    return scored + unscored


def ranking(
    *, agency: Agency, period: Period, part: Part = Part.ALL, seconds: int = CACHE_SECONDS
) -> list[dict[str, Any]]:
    """The children of ``agency`` (one part of the tree, if asked), each with its own index, ranked."""

    def compute() -> list[dict[str, Any]]:
        kids = children(agency, part)
        read = read_subtrees(agency, kids, period)
        return rank([agency_row(child, period, read) for child in kids])

    return cached(f"dashboard:ranking:{agency.pk}:{part.value}:{period.start}:{period.end}", compute, seconds)


def trend(*, agency: Agency, period: Period, part: Part = Part.ALL) -> list[dict[str, Any]]:
    """One index read per month of the period: the total, the on-time share and the counts of each month."""

    def compute() -> list[dict[str, Any]]:
        scope = Scope(agency, part)
        out = []
        for start, end in period.months():
            report = index_report(scope=scope, start=start, end=end)
            counts = counts_of(report)
            config = config_on(end)
            out.append({
                "start": start, "end": end, "total": report["total"], "max_available": report["max_available"],
                "on_time_rate": shown_by(config, 100 * Fraction(counts["handled_on_time"], counts["counted"]))
                if counts["counted"] else None,
                "counts": counts,
            })  # fmt: skip
        return out

    return cached(f"dashboard:trend:{agency.pk}:{part.value}:{period.start}:{period.end}", compute)
