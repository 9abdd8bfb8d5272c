"""TT 01/2018 scores of units and officials for a quarter or a year, and of one dossier.

Reads only (no writes despite the module name, kept for the callers' convenience): ``unit_scores(agency, year,
quarter)`` gives the agency and each of its direct children, ``official_scores(…)`` the officials who handled the
agency's dossiers, ``dossier_scores(dossier_id)`` the per-dossier indicators. A dossier belongs to the period in
which its processing ended with a decision (approved, or refused after appraisal): the day of ``decided_at``,
Vietnam time. Dossiers stopped at the applicant's request have no result and are not evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import valid_on_filter
from motcua.core.caching import cached
from motcua.core.errors import ValidationFailed
from motcua.metrics.petitions import petition_counts
from motcua.metrics.readers.points import dossier_points, sums_by_agency, sums_by_official
from motcua.metrics.scope import Scope
from motcua.orgs.models import Agency
from motcua.orgs.selectors import agencies_in_tree_order
from motcua.scoring import config
from motcua.scoring.indicators import (
    DEFINITIONS,
    FOR_OFFICIALS,
    UNIT_LEVEL,
    IndicatorScore,
    classify_official,
    classify_unit,
    mean_score,
    online_services_points,
    petitions_points,
    total_of,
    unit_score,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100
#: How long the API and the page keep the scores of one agency and period (a province's year costs seconds of
#: database time: see docs/scoring.md); a rating given meanwhile shows after at most this long.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    @classmethod
    def of(cls, year: int, quarter: int | None = None) -> Period:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationFailed(_("The year is out of range."), fields={"year": _("Years 2000–2100.")})
        if quarter is not None and not 1 <= quarter <= 4:
            raise ValidationFailed(_("A quarter is 1 to 4."), fields={"quarter": _("1, 2, 3 or 4.")})
        return cls(year, quarter)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)


@dataclass(frozen=True)
class UnitScore:
    agency: Agency
    dossiers: int
    indicators: list[IndicatorScore]
    total: Decimal
    max_available: int
    classification: str | None


@dataclass(frozen=True)
class OfficialScore:
    user_id: int
    username: str
    name: str
    dossiers: int
    indicators: list[IndicatorScore]
    total: Decimal
    max_available: int
    classification: str | None


@dataclass(frozen=True)
class DossierScores:
    dossier_id: int
    evaluated: bool  # processing ended with a decision: the dossier counts in its period
    indicators: list[IndicatorScore]


def _add(into: dict[str, int], more: dict[str, int]) -> None:
    for key, value in more.items():
        into[key] = into.get(key, 0) + value


def _per_dossier(sums: dict[str, int], number: int, decimals: int) -> IndicatorScore:
    return mean_score(number, sums.get(f"p{number}", 0), sums.get(f"n{number}", 0), decimals)


@dataclass(frozen=True)
class _Catalogue:
    """The versions in force on a day: (procedure, full-process online, kinds implementing it, agencies named)."""

    versions: list[tuple[int, bool, frozenset[str], frozenset[int]]]

    @classmethod
    def on(cls, day: dt.date, root: Agency) -> _Catalogue:
        in_force = ProcedureVersion.objects.filter(valid_on_filter(day))
        named: dict[int, set[int]] = defaultdict(set)
        through = ProcedureVersion.agencies.through.objects.filter(
            agency__path__startswith=root.path, procedureversion__in=in_force
        )
        for version_id, agency_id in through.values_list("procedureversion_id", "agency_id"):
            named[version_id].add(agency_id)
        rows = in_force.values_list("pk", "procedure_id", "online_level", "agency_kinds")
        return cls([
            (procedure, level == "full", frozenset(k.strip() for k in kinds.split(",") if k.strip()),
             frozenset(named.get(pk, ())))
            for pk, procedure, level, kinds in rows
        ])  # fmt: skip

    def competence(self, agencies: list[Agency]) -> tuple[int, int]:
        """(procedures implemented by one of ``agencies`` — named or by kind —, those offered full-process online)."""
        ids = {a.pk for a in agencies}
        kinds = {a.kind for a in agencies}
        implemented: dict[int, bool] = {}
        for procedure, full, by_kind, named in self.versions:
            if named & ids or by_kind & kinds:
                implemented[procedure] = implemented.get(procedure, False) or full
        return len(implemented), sum(1 for online in implemented.values() if online)


def _unit(
    agency: Agency, members: list[Agency], sums: dict[str, int], period: Period, catalogue: _Catalogue
) -> UnitScore:
    bands = config.bands_on(period.end)
    scores: list[IndicatorScore] = []
    for definition in DEFINITIONS:
        number = definition.number
        if definition.per_dossier:
            scores.append(_per_dossier(sums, number, bands.decimals))
        elif number == 8:
            counts = petition_counts(Scope(agency), period.start, period.end)
            scores.append(unit_score(8, None if counts is None else petitions_points(counts.petitions, counts.on_time)))
        elif number == 9:
            procedures, online = catalogue.competence(members)
            points = online_services_points(
                procedures=procedures, online_procedures=online, dossiers=sums.get("eligible", 0),
                online_dossiers=sums.get("online", 0), late_online=sums.get("late_online", 0),
            )  # fmt: skip
            scores.append(unit_score(9, points if sums.get("dossiers", 0) else None))
        else:  # 5 and 6: motcua records neither (see docs/scoring.md)
            scores.append(unit_score(number, None))
    total, available = total_of(scores)
    return UnitScore(agency, sums.get("dossiers", 0), scores, total, available, classify_unit(total, available, bands))


def unit_scores(agency: Agency, year: int, quarter: int | None = None) -> list[UnitScore]:
    """The scores of ``agency`` (its whole subtree) and of each direct child (its subtree), for the quarter or
    the year: one grouped statement over the dossiers and two small catalogue reads. Inactive agencies (e.g.
    the districts gone in 2025) take part only in the periods where they had dossiers."""
    period = Period.of(year, quarter)
    by_agency = sums_by_agency(agency, period.start, period.end)
    every = list(Agency.objects.filter(path__startswith=agency.path).order_by("path", "name"))
    with_dossiers = [a.path for a in every if by_agency.get(a.pk)]
    subtree = [a for a in every if a.is_active or a.pk == agency.pk or any(p.startswith(a.path) for p in with_dossiers)]
    children = agencies_in_tree_order(a for a in subtree if a.parent_id == agency.pk)
    members: dict[int, list[Agency]] = defaultdict(list)
    totals: dict[int, dict[str, int]] = defaultdict(dict)
    for node in subtree:
        owner = next((c for c in children if node.path.startswith(c.path)), None)
        for unit in (agency, owner):
            if unit is not None:
                members[unit.pk].append(node)
                _add(totals[unit.pk], by_agency.get(node.pk, {}))
    catalogue = _Catalogue.on(period.end, agency)
    return [_unit(unit, members[unit.pk], totals[unit.pk], period, catalogue) for unit in (agency, *children)]


def official_scores(agency: Agency, year: int, quarter: int | None = None) -> list[OfficialScore]:
    """Officials who handled dossiers of ``agency``'s subtree ended in the period: indicators 1, 2, 3, 4 and 7 over
    those dossiers (max 10), classified ≥ 5 / 3.5–<5 / < 3.5 (scaled when an indicator has no data)."""
    period = Period.of(year, quarter)
    bands = config.bands_on(period.end)
    by_user = sums_by_official(agency, period.start, period.end)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=list(by_user))}
    out = []
    for user_id, sums in by_user.items():
        scores = [_per_dossier(sums, number, bands.decimals) for number in FOR_OFFICIALS]
        total, available = total_of(scores)
        user: Any = users.get(user_id)
        out.append(
            OfficialScore(
                user_id=user_id,
                username=getattr(user, "username", ""),
                name=user.get_full_name() if user else "",
                dossiers=sums["dossiers"],
                indicators=scores,
                total=total,
                max_available=available,
                classification=classify_official(total, available, bands),
            )  # fmt: skip
        )
    out.sort(key=lambda o: (-o.total, o.name, o.username))
    return out


def dossier_scores(dossier_id: int) -> DossierScores | None:
    """The per-dossier indicators of one dossier (1, 2, 3, 4, 7; the others are judged per unit), or None when it
    was never received."""
    row = dossier_points(dossier_id)
    if row is None:
        return None
    scores = []
    for definition in DEFINITIONS:
        if not definition.per_dossier:
            scores.append(IndicatorScore(definition.number, definition.key, None, UNIT_LEVEL))
            continue
        value = row.indicator(definition.number)
        scores.append(mean_score(definition.number, int(value or 0), 0 if value is None else 1))
    return DossierScores(dossier_id, row.i1 is not None, scores)


def cached_unit_scores(agency: Agency, year: int, quarter: int | None = None) -> list[UnitScore]:
    """:func:`unit_scores`, kept in the cache for :data:`CACHE_SECONDS`."""
    Period.of(year, quarter)
    return cached(
        f"scoring:units:{agency.pk}:{year}:{quarter or 0}", lambda: unit_scores(agency, year, quarter), CACHE_SECONDS
    )


def cached_official_scores(agency: Agency, year: int, quarter: int | None = None) -> list[OfficialScore]:
    """:func:`official_scores`, kept in the cache for :data:`CACHE_SECONDS`."""
    Period.of(year, quarter)
    return cached(
        f"scoring:officials:{agency.pk}:{year}:{quarter or 0}",
        lambda: official_scores(agency, year, quarter),
        CACHE_SECONDS,
    )
