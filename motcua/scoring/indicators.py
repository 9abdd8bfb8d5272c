"""The nine TT 01/2018 indicators (RULES §9), how a score is rounded, and how a total is classified.

Each indicator gives a dossier (or a unit) 0, 1 or 2 points, or ``None`` when motcua has no data for it. A unit's
indicator score is the sum of its dossiers' points over the number of dossiers *that have data for it*, rounded
half up to 0.1; indicators without data are left out of the total and of ``max_available``, and the total is
classified against the bands scaled to the points available (see :func:`classify`). The per-dossier rules are
written once, in SQL (``selectors.py``), so the dossier page and the unit reports cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.scoring import config

OK, NO_DATA, UNIT_LEVEL = "ok", "no_data", "unit_level"
MAX_POINTS = 2


@dataclass(frozen=True)
class Definition:
    number: int
    key: str
    label: Any
    per_dossier: bool  # False: judged once per unit and period
    for_officials: bool
    short: Any = ""  # a column heading


DEFINITIONS: tuple[Definition, ...] = (
    Definition(1, "total_time", _("Total handling time against the time limit"), True, True, short=_("Total time")),
    Definition(
        2, "agency_time", _("Each agency's time against its share of the limit"), True, True, short=_("Time per agency")
    ),
    Definition(
        3,
        "came_back",
        _("Times the applicant had to come back to complete the dossier"),
        True,
        True,
        short=_("Returns to complete"),
    ),
    Definition(
        4, "bodies_contacted", _("Bodies the applicant had to contact"), True, True, short=_("Bodies contacted")
    ),
    Definition(
        5,
        "handled_at_desk",
        _("Procedures handled fully at the one-stop desk"),
        False,
        False,
        short=_("Done at the desk"),
    ),
    Definition(
        6, "publication", _("Publication of procedures (posted and online)"), False, False, short=_("Publication")
    ),
    Definition(7, "attitude", _("Officials' attitude"), True, True, short=_("Attitude")),
    Definition(8, "petitions", _("Handling of petitions"), False, False, short=_("Petitions")),
    Definition(9, "online_services", _("Online public services"), False, False, short=_("Online services")),
)
BY_NUMBER = {d.number: d for d in DEFINITIONS}
PER_DOSSIER = tuple(d.number for d in DEFINITIONS if d.per_dossier)
FOR_OFFICIALS = tuple(d.number for d in DEFINITIONS if d.for_officials)

CLASS_LABELS: dict[str, Any] = {
    config.EXCELLENT: _("Excellent"),
    config.GOOD: _("Good"),
    config.FAIR: _("Fair"),
    config.AVERAGE: _("Average"),
    config.WEAK: _("Weak"),
    config.DONE_FULL: _("Duties done: 100%"),
    config.DONE_MOST: _("Duties done: 70% to under 100%"),
    config.DONE_LESS: _("Duties done: under 70%"),
}


@dataclass(frozen=True)
class IndicatorScore:
    number: int
    key: str
    score: Decimal | None  # rounded to 0.1; None: no data (left out)
    status: str
    counted: int = 0  # dossiers with data for it (per-dossier indicators)

    @property
    def label(self) -> Any:
        return BY_NUMBER[self.number].label


def rounded(value: Fraction, decimals: int = 1) -> Decimal:
    """``value`` (≥ 0) rounded half up to ``decimals``: 14.95 → 15.0, 14.94… → 14.9."""
    scaled = math.floor(value * 10**decimals + Fraction(1, 2))
    return Decimal(scaled).scaleb(-decimals)


def mean_score(number: int, points: int, counted: int, decimals: int = 1) -> IndicatorScore:
    """Sum of the dossiers' points ÷ the dossiers with data, rounded; no data when none has any."""
    definition = BY_NUMBER[number]
    if counted <= 0:
        return IndicatorScore(number, definition.key, None, NO_DATA, 0)
    return IndicatorScore(number, definition.key, rounded(Fraction(points, counted), decimals), OK, counted)


def unit_score(number: int, points: int | None) -> IndicatorScore:
    """A unit-level indicator: the unit's 0/1/2 points, or no data."""
    definition = BY_NUMBER[number]
    if points is None:
        return IndicatorScore(number, definition.key, None, NO_DATA)
    return IndicatorScore(number, definition.key, Decimal(points).quantize(Decimal("0.1")), OK)


def total_of(scores: list[IndicatorScore]) -> tuple[Decimal, int]:
    """(sum of the rounded scores with data, points available = 2 × indicators with data)."""
    counted = [s.score for s in scores if s.status == OK and s.score is not None]
    return sum(counted, Decimal(0)), MAX_POINTS * len(counted)


def _classify(
    total: Decimal, available: int, bands: tuple[tuple[Fraction, str], ...], full: Fraction, lowest: str
) -> str | None:
    if available <= 0:
        return None
    # Bands scaled to the available points: total ÷ available ≥ threshold ÷ full, in exact fractions.
    normalised = Fraction(total) * full / available
    for threshold, name in bands:
        if normalised >= threshold:
            return name
    return lowest


def classify_unit(total: Decimal, available: int, bands: config.Bands) -> str | None:
    """xuất sắc ≥ 15, tốt 12–<15, khá 9–<12, trung bình 6–<9, yếu < 6 (of 18), scaled to ``available``."""
    return _classify(total, available, bands.unit, bands.unit_max, bands.unit_lowest)


def classify_official(total: Decimal, available: int, bands: config.Bands) -> str | None:
    """≥ 5 → 100%; 3.5–<5 → 70–<100%; < 3.5 → under 70% (of 10, indicators 1, 2, 3, 4, 7), scaled to
    ``available``."""
    return _classify(total, available, bands.official, bands.official_max, bands.official_lowest)


def online_services_points(
    *, procedures: int, online_procedures: int, dossiers: int, online_dossiers: int, late_online: int
) -> int | None:
    """Indicator 9 of a unit: 2 when ≥ 20% of its procedures are offered online, ≥ 30% of the dossiers of those
    procedures came online and none of those was late; 1 when some procedure is online, ≥ 15% came online and none
    was late; else 0. No data when the unit implements no procedure of the catalogue."""
    if procedures <= 0:
        return None
    share_procedures = Fraction(online_procedures, procedures)
    share_dossiers = Fraction(online_dossiers, dossiers) if dossiers > 0 else Fraction(0)
    if late_online == 0:
        if share_procedures >= Fraction(1, 5) and share_dossiers >= Fraction(3, 10):
            return 2
        if online_procedures > 0 and share_dossiers >= Fraction(15, 100):
            return 1
    return 0


def petitions_points(petitions: int, on_time: int) -> int:
    """Indicator 8: 2 when none or all on time, 1 when ≥ 90% on time, else 0."""
    if petitions <= 0 or on_time >= petitions:
        return 2
    return 1 if Fraction(on_time, petitions) >= Fraction(9, 10) else 0
