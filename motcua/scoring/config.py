"""The TT 01/2018 classification bands, versioned in code.

Each :class:`Bands` applies from its ``valid_from`` until the next one; a period is classified with the bands in
force on its last day. A new circular adds a row here (with its legal basis), never edits an old one, so published
results of earlier periods stay reproducible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

EXCELLENT, GOOD, FAIR, AVERAGE, WEAK = "excellent", "good", "fair", "average", "weak"
DONE_FULL, DONE_MOST, DONE_LESS = "done_100", "done_70_100", "done_under_70"


@dataclass(frozen=True)
class Bands:
    """Lowest score of each class, on the full scale (``unit_max`` / ``official_max`` points); below the last, the
    lowest class."""

    valid_from: dt.date
    unit: tuple[tuple[Fraction, str], ...]
    unit_max: Fraction
    unit_lowest: str
    official: tuple[tuple[Fraction, str], ...]
    official_max: Fraction
    official_lowest: str
    #: Indicator scores are rounded half up to this many decimals.
    decimals: int = 1
    basis: str = ""


VERSIONS: tuple[Bands, ...] = (
    Bands(
        valid_from=dt.date(2000, 1, 1),  # TT 01/2018/TT-VPCP art. 13–15; applied to every earlier period too
        unit=((Fraction(15), EXCELLENT), (Fraction(12), GOOD), (Fraction(9), FAIR), (Fraction(6), AVERAGE)),
        unit_max=Fraction(18),
        unit_lowest=WEAK,
        official=((Fraction(5), DONE_FULL), (Fraction(7, 2), DONE_MOST)),
        official_max=Fraction(10),
        official_lowest=DONE_LESS,
        basis="TT 01/2018/TT-VPCP",
    ),
)


def bands_on(day: dt.date) -> Bands:
    """The bands in force on ``day`` (the latest version starting on or before it)."""
    found = VERSIONS[0]
    for version in VERSIONS:
        if version.valid_from <= day:
            found = version
    return found
