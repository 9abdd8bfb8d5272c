"""The statutory holidays we take from the pinned `holidays` package: the dates we rely on."""

import datetime as dt

import pytest

from motcua.workcalendar.statutory import legal_basis, statutory_days

D = dt.date


def off(day: dt.date) -> bool:
    return day in statutory_days()


@pytest.mark.parametrize(
    ("lunar_new_year"),
    [
        D(1990, 1, 27),
        D(2007, 2, 17),  # Vietnam (UTC+7) is a day before China here: the Vietnamese calendar is used
        D(2019, 2, 5),
        D(2020, 1, 25),
        D(2024, 2, 10),
        D(2025, 1, 29),
        D(2026, 2, 17),
        D(2030, 2, 3),
        D(2100, 2, 9),
    ],
)
def test_tet_falls_on_the_vietnamese_lunar_new_year(lunar_new_year):
    assert off(lunar_new_year)
    assert "Tết Nguyên Đán" in statutory_days()[lunar_new_year].name


@pytest.mark.parametrize(
    ("gio_to"),
    [D(2019, 4, 14), D(2020, 4, 2), D(2024, 4, 18), D(2025, 4, 7), D(2026, 4, 26), D(2100, 4, 18)],
)
def test_hung_kings_day_is_the_tenth_of_the_third_lunar_month(gio_to):
    assert "Giỗ Tổ" in statutory_days()[gio_to].name


def test_given_labour_code_2012_when_2_september_2020_then_one_day_only():
    assert off(D(2020, 9, 2))
    assert not off(D(2020, 9, 1)) and not off(D(2020, 9, 3))


def test_given_labour_code_2019_when_2_september_then_an_adjacent_day_too():
    assert off(D(2021, 9, 2)) and off(D(2021, 9, 3))  # Thursday + Friday
    assert off(D(2025, 9, 1)) and off(D(2025, 9, 2))  # Monday + Tuesday


def test_given_a_holiday_on_a_weekend_when_computed_then_the_next_working_day_is_off():
    # 1 January 2022 was a Saturday; 30/4 and 1/5/2022 a Saturday and a Sunday
    assert statutory_days()[D(2022, 1, 3)].compensatory
    assert statutory_days()[D(2022, 5, 2)].compensatory and statutory_days()[D(2022, 5, 3)].compensatory
    assert not statutory_days()[D(2022, 1, 1)].compensatory


def test_tet_has_five_days_since_2013_from_the_eve():
    tet_2026 = [D(2026, 2, 16) + dt.timedelta(days=i) for i in range(5)]
    assert all(off(day) for day in tet_2026)
    assert not off(D(2026, 2, 13)) and not off(D(2026, 2, 23))


def test_swapped_days_and_culture_day_are_not_statutory():
    # the package lists them, but they belong to the yearly schedule entries
    assert not off(D(2025, 5, 2))
    assert not off(D(2024, 4, 29))
    assert not off(D(2026, 8, 31))
    assert not off(D(2026, 11, 24))


def test_every_year_1990_2100_has_its_holidays():
    per_year = {}
    for day in statutory_days():
        per_year[day.year] = per_year.get(day.year, 0) + 1
    assert sorted(per_year) == list(range(1990, 2101))
    assert min(per_year.values()) >= 7


def test_legal_basis_follows_the_code_in_force():
    assert "2019" in legal_basis(2021) and "2012" in legal_basis(2020)
