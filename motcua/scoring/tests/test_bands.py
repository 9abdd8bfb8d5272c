"""Rounding to 0.1 (half up) and the classification bands at their edges, with and without left-out indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from motcua.core.errors import ValidationFailed
from motcua.scoring import config
from motcua.scoring.indicators import (
    classify_official,
    classify_unit,
    mean_score,
    online_services_points,
    petitions_points,
    rounded,
    total_of,
    unit_score,
)
from motcua.scoring.services import Period

BANDS = config.bands_on(dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Fraction(5, 4), "1.3"), (Fraction(29, 20), "1.5"), (Fraction(1249, 1000), "1.2"), (Fraction(2, 3), "0.7"),
     (Fraction(1, 3), "0.3"), (Fraction(0), "0.0"), (Fraction(2), "2.0"), (Fraction(199, 100), "2.0"),
     (Fraction(1, 20), "0.1"), (Fraction(1, 21), "0.0")],
)  # fmt: skip
def test_scores_are_rounded_half_up_to_one_decimal(value, expected):
    assert rounded(value) == Decimal(expected)


def test_an_indicator_is_the_points_over_the_dossiers_with_data():
    assert mean_score(1, 5, 4).score == Decimal("1.3")
    assert mean_score(4, 0, 0).score is None  # no dossier answered: left out, not 0


@pytest.mark.parametrize(
    ("total", "expected"),
    [("18", config.EXCELLENT), ("15", config.EXCELLENT), ("14.9", config.GOOD), ("12", config.GOOD),
     ("11.9", config.FAIR), ("9", config.FAIR), ("8.9", config.AVERAGE), ("6", config.AVERAGE),
     ("5.9", config.WEAK), ("0", config.WEAK)],
)  # fmt: skip
def test_unit_bands_at_their_edges_with_all_nine_indicators(total, expected):
    assert classify_unit(Decimal(total), 18, BANDS) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [("10", config.EXCELLENT), ("9.9", config.GOOD), ("8", config.GOOD), ("7.9", config.FAIR), ("6", config.FAIR),
     ("5.9", config.AVERAGE), ("4", config.AVERAGE), ("3.9", config.WEAK)],
)  # fmt: skip
def test_unit_bands_are_scaled_to_the_points_available(total, expected):
    # six indicators with data (12 points): 15, 12, 9, 6 of 18 become 10, 8, 6, 4 of 12
    assert classify_unit(Decimal(total), 12, BANDS) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [("10", config.DONE_FULL), ("5", config.DONE_FULL), ("4.9", config.DONE_MOST), ("3.5", config.DONE_MOST),
     ("3.4", config.DONE_LESS), ("0", config.DONE_LESS)],
)  # fmt: skip
def test_official_bands_at_their_edges(total, expected):
    assert classify_official(Decimal(total), 10, BANDS) == expected


def test_official_bands_scaled_when_an_indicator_has_no_data():
    # four indicators (8 points): 5 and 3.5 of 10 become 4 and 2.8 of 8
    assert classify_official(Decimal("4.0"), 8, BANDS) == config.DONE_FULL
    assert classify_official(Decimal("3.9"), 8, BANDS) == config.DONE_MOST
    assert classify_official(Decimal("2.8"), 8, BANDS) == config.DONE_MOST
    assert classify_official(Decimal("2.7"), 8, BANDS) == config.DONE_LESS


def test_indicators_without_data_are_left_out_of_the_total():
    scores = [mean_score(1, 8, 4), mean_score(4, 0, 0), unit_score(8, None), unit_score(9, 1)]
    assert total_of(scores) == (Decimal("3.0"), 4)
    assert classify_unit(Decimal(0), 0, BANDS) is None


@pytest.mark.parametrize(
    ("procedures", "online_procedures", "dossiers", "online", "late", "expected"),
    [(10, 2, 10, 3, 0, 2), (10, 2, 10, 3, 1, 0), (10, 1, 10, 3, 0, 1), (10, 2, 100, 29, 0, 1),
     (10, 1, 100, 15, 0, 1), (10, 1, 100, 14, 0, 0), (10, 0, 100, 50, 0, 0), (0, 0, 10, 5, 0, None),
     (10, 5, 0, 0, 0, 0)],
)  # fmt: skip
def test_online_services(procedures, online_procedures, dossiers, online, late, expected):
    assert online_services_points(procedures=procedures, online_procedures=online_procedures, dossiers=dossiers,
                                  online_dossiers=online, late_online=late) == expected  # fmt: skip


@pytest.mark.parametrize(("petitions", "on_time", "expected"), [(0, 0, 2), (10, 10, 2), (10, 9, 1), (10, 8, 0)])
def test_petitions(petitions, on_time, expected):
    assert petitions_points(petitions, on_time) == expected


def test_periods():
    assert (Period.of(2026, 1).start, Period.of(2026, 1).end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (Period.of(2026, 2).start, Period.of(2026, 2).end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert (Period.of(2026, 4).start, Period.of(2026, 4).end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (Period.of(2024).start, Period.of(2024).end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    for year, quarter in ((1999, None), (2026, 0), (2026, 5)):
        with pytest.raises(ValidationFailed):
            Period.of(year, quarter)
