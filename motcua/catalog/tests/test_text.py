"""Folding, time-limit arithmetic and the typo vocabulary (no database)."""

from decimal import Decimal

import pytest

from motcua.catalog import limits
from motcua.catalog.normalize import normalise, words
from motcua.catalog.search.vocabulary import Vocabulary, distance_at_most_one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đăng ký hộ kinh doanh", ["dang", "ki", "ho", "kinh", "doanh"]),
        ("dang ky ho kinh doanh", ["dang", "ki", "ho", "kinh", "doanh"]),
        ("ĐĂNG KÍ KẾT HÔN", ["dang", "ki", "ket", "hon"]),
        ("Thủ tục 1.004227 (cấp xã).", ["thu", "tuc", "1.004227", "cap", "xa"]),
        ("Lý lịch tư pháp", ["li", "lich", "tu", "phap"]),
        ("quy định, tuyển dụng", ["quy", "dinh", "tuyen", "dung"]),
        ("LPG chai...", ["lpg", "chai"]),
    ],
)
def test_words_fold_vietnamese(text, expected):
    assert words(text) == expected


def test_the_indexed_form_is_space_delimited():
    assert normalise("1.004227", "Đăng ký khai sinh") == " 1.004227 dang ki khai sinh "
    assert normalise("") == " "


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("doanh", "doanhh", True),
        ("kinh", "kinj", True),
        ("kinh", "knih", True),
        ("kinh", "kinhh", True),
        ("sinh", "snih", True),
        ("khai", "khaii", True),
        ("kinh", "king", True),
        ("kinh", "kihn", True),
        ("doanh", "danh", True),
        ("doanh", "dinh", False),
        ("hon", "honnn", False),
    ],
)
def test_one_edit(a, b, near):
    assert distance_at_most_one(a, b) is near


def test_vocabulary_corrects_unknown_words_only():
    vocab = Vocabulary.build(1, frozenset({"kinh", "doanh", "dang", "ki", "ho", "hon", "khai", "sinh"}))
    assert vocab.variants("doanh") == ["doanh"]
    assert vocab.variants("doanhh") == ["doanh"]
    assert vocab.variants("kihn") == ["kinh"]
    assert vocab.variants("xyzw") == []
    assert vocab.variants("hx") == []  # too short to correct


@pytest.mark.parametrize(
    ("amount", "unit", "hours"),
    [("2.5", "working_day", 20), ("1", "working_day", 8), ("12", "working_hour", 12)],
)
def test_limit_hours(amount, unit, hours):
    assert limits.limit_hours(Decimal(amount), unit) == Decimal(hours)


def test_calendar_limits_have_no_fixed_hours():
    assert limits.limit_hours(Decimal(15), "calendar_day") is None
    assert limits.limit_hours(Decimal(1), "month") is None


@pytest.mark.parametrize(
    ("amount", "unit", "ok"),
    [
        ("2.5", "working_day", True),
        ("2.25", "working_day", False),
        ("0", "working_day", False),
        ("4", "working_hour", True),
        ("4.5", "working_hour", False),
        ("1.5", "month", False),
        ("30", "calendar_day", True),
    ],
)
def test_amount_steps(amount, unit, ok):
    assert limits.amount_step_ok(Decimal(amount), unit) is ok


def test_committed_not_longer():
    assert limits.same_or_shorter(Decimal("2.5"), "working_day", Decimal(3), "working_day")
    assert limits.same_or_shorter(Decimal(20), "working_hour", Decimal("2.5"), "working_day")
    assert not limits.same_or_shorter(Decimal(21), "working_hour", Decimal("2.5"), "working_day")
    assert not limits.same_or_shorter(Decimal(2), "month", Decimal(30), "calendar_day")


def test_longest_path_takes_the_longest_of_each_parallel_stage():
    steps = [
        limits.TimedStep(1, "", Decimal(4)),
        limits.TimedStep(2, "A", Decimal(8)),
        limits.TimedStep(3, "A", Decimal(16)),
        limits.TimedStep(4, "B", Decimal(2)),
        limits.TimedStep(5, "", Decimal(4)),
    ]
    assert limits.longest_path_hours(steps) == Decimal(26)
    assert limits.scattered_groups(steps) == []
    assert limits.scattered_groups([*steps, limits.TimedStep(6, "A", Decimal(1))]) == ["A"]
