"""Numbers in Vietnamese and English, and the rating sentence exactly as the issue writes it."""

from fractions import Fraction

from django.utils import translation

from motcua.dashboard.numbers import number, percent, rating_sentence, signed_points
from motcua.metrics.display import shown


def test_vietnamese_writes_thousands_with_dots_and_decimals_with_commas():
    assert number(29322, language="vi") == "29.322"
    assert number(1234567, language="vi") == "1.234.567"
    assert percent(92.34, language="vi") == "92,34%"
    assert percent(92.3, language="vi") == "92,30%"
    assert percent(100.0, language="vi") == "100%"
    assert signed_points(-7.66, language="vi") == "−7,66" and signed_points(2.5, language="vi") == "+2,50"
    assert number(None) == "—"


def test_english_writes_thousands_with_commas_and_decimals_with_points():
    assert number(29322, language="en") == "29,322"
    assert percent(92.34, language="en") == "92.34%"
    assert number(1234567.5, language="en") == "1,234,567.50"


def _ratings(eligible: int, rated: int, satisfied: int) -> dict:
    return {"eligible": eligible, "rated": rated, "satisfied": satisfied,
            "rated_rate": shown(100 * Fraction(rated, eligible)),
            "satisfied_rate": shown(100 * Fraction(satisfied, rated))}  # fmt: skip


def test_the_rating_sentence_in_vietnamese_truncates_the_rates():
    ratings = _ratings(31751, 29322, 29243)  # 92.3498…% and 99.7305…%
    with translation.override("vi"):
        assert rating_sentence(ratings) == "29.322 / 31.751 hồ sơ được đánh giá (92,34%), 99,73% hài lòng"


def test_the_rating_sentence_in_english():
    with translation.override("en"):
        assert rating_sentence(_ratings(31751, 29322, 29243)) == (
            "29,322 / 31,751 dossiers rated (92.34%), 99.73% satisfied"
        )


def test_the_linked_sentence_reads_the_same():
    import re

    links = {"rated": "/r?a=1&b=2", "returned": "/e", "satisfied": "/s"}
    with translation.override("vi"):
        html = rating_sentence(_ratings(31751, 29322, 29243), links=links)
    assert '<a href="/r?a=1&amp;b=2">29.322</a>' in html
    assert re.sub(r"<[^>]+>", "", html) == "29.322 / 31.751 hồ sơ được đánh giá (92,34%), 99,73% hài lòng"
