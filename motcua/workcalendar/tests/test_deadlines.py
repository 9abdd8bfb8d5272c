"""Deadline arithmetic on real dates (national calendar, sessions 07:30–11:30 and 13:00–17:00)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core.errors import ValidationFailed
from motcua.workcalendar.services import add_working_time, transfer_deadline, working_time_between
from motcua.workcalendar.tests.conftest import vn

DAY, HOUR, CAL_DAY, MONTH = "working_day", "working_hour", "calendar_day", "month"


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        # the examples: Saturday 26/04/2025 worked, 30/04–04/05 off
        (vn(2025, 4, 25, 9), 3, DAY, vn(2025, 4, 29, 9)),
        (vn(2025, 4, 25, 9), 4, DAY, vn(2025, 5, 5, 9)),
        # Tết 2024 (08–14/02)
        (vn(2024, 2, 7, 10), 1, DAY, vn(2024, 2, 15, 10)),
        (vn(2024, 2, 2, 14), 5, DAY, vn(2024, 2, 16, 14)),
        # Tết 2025 (25/01–02/02): half a day from Friday 16:00 ends on Monday 03/02 at 10:30
        (vn(2025, 1, 24, 16), Decimal("0.5"), DAY, vn(2025, 2, 3, 10, 30)),
        # Tết 2026 (14–22/02)
        (vn(2026, 2, 13, 8), 1, DAY, vn(2026, 2, 23, 8)),
        (vn(2026, 2, 13, 16), 2, HOUR, vn(2026, 2, 23, 8, 30)),
        # 30/4–1/5 2024: Monday 29/04 off, Saturday 04/05 worked
        (vn(2024, 4, 26, 9), 1, DAY, vn(2024, 5, 2, 9)),
        (vn(2024, 4, 26, 9), 3, DAY, vn(2024, 5, 4, 9)),
        (vn(2024, 4, 26, 9), 4, DAY, vn(2024, 5, 6, 9)),
        # 2/9 2025 (30/08–02/09) and 2026 (29/08–02/09, Saturday 22/08 worked)
        # (a start at 13:00 is a session boundary: one day later is reported as 11:30, the earlier closing)
        (vn(2025, 8, 29, 13), 1, DAY, vn(2025, 9, 3, 11, 30)),
        (vn(2025, 8, 29, 14), 1, DAY, vn(2025, 9, 3, 14)),
        (vn(2026, 8, 21, 10), 1, DAY, vn(2026, 8, 22, 10)),
        (vn(2026, 8, 21, 10), 2, DAY, vn(2026, 8, 24, 10)),
        (vn(2026, 8, 28, 10), 1, DAY, vn(2026, 9, 3, 10)),
        # New Year 2026: 01–04/01 off, Saturday 10/01 worked
        (vn(2025, 12, 31, 15), 1, DAY, vn(2026, 1, 5, 15)),
        (vn(2026, 1, 9, 9), 1, DAY, vn(2026, 1, 10, 9)),
        # 2019: New Year swap reaching back into 2018
        (vn(2018, 12, 28, 9), 1, DAY, vn(2019, 1, 2, 9)),
        (vn(2019, 1, 4, 9), 1, DAY, vn(2019, 1, 5, 9)),
    ],
)
def test_real_dates(cal, start, amount, unit, due):
    assert add_working_time(start=start, amount=amount, unit=unit, calendar=cal) == due


@pytest.mark.parametrize(
    ("start", "amount", "due", "rule"),
    [
        (vn(2025, 3, 3, 7, 30), 1, vn(2025, 3, 3, 17), "a full day from the opening ends at 17:00, not 07:30"),
        (vn(2025, 3, 3, 7, 30), Decimal("0.5"), vn(2025, 3, 3, 11, 30), "half a day is the morning session"),
        (vn(2025, 3, 3, 13), Decimal("0.5"), vn(2025, 3, 3, 17), "half a day is the afternoon session"),
        (vn(2025, 3, 3, 12), Decimal("0.5"), vn(2025, 3, 3, 17), "a start at lunch counts from 13:00"),
        (vn(2025, 3, 3, 18), 1, vn(2025, 3, 4, 17), "a start after closing counts from the next opening"),
        (vn(2025, 3, 4, 6), Decimal("0.5"), vn(2025, 3, 4, 11, 30), "a start before opening counts from 07:30"),
        (vn(2025, 3, 8, 10), 1, vn(2025, 3, 10, 17), "a start on a Saturday counts from Monday"),
        (vn(2025, 3, 3, 9), Decimal("1.5"), vn(2025, 3, 4, 14, 30), "one and a half days"),
        (vn(2025, 3, 3, 9), 0, vn(2025, 3, 3, 9), "zero is the start itself inside office hours"),
        (vn(2025, 3, 8, 10), 0, vn(2025, 3, 10, 7, 30), "zero outside hours is the next opening"),
    ],
)
def test_sessions(cal, start, amount, due, rule):
    assert add_working_time(start=start, amount=amount, unit=DAY, calendar=cal) == due, rule


def test_working_hours(cal):
    assert add_working_time(start=vn(2025, 3, 3, 9), amount=8, unit=HOUR, calendar=cal) == vn(2025, 3, 4, 9)
    assert add_working_time(start=vn(2025, 3, 3, 11), amount=Decimal("1.5"), unit=HOUR, calendar=cal) == vn(
        2025, 3, 3, 14
    )


def test_seconds_are_dropped_and_any_offset_is_accepted(cal):
    start = dt.datetime(2025, 4, 25, 9, 0, 59, 999, tzinfo=dt.UTC) - dt.timedelta(hours=7)
    assert add_working_time(start=start, amount=3, unit=DAY, calendar=cal) == vn(2025, 4, 29, 9)
    assert add_working_time(start=start, amount=3, unit=DAY, calendar=cal).utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        # counted from the next day; a last day off moves to the next working day's closing time
        (vn(2025, 3, 3, 10), 2, CAL_DAY, vn(2025, 3, 5, 17)),
        (vn(2025, 3, 3, 10), 5, CAL_DAY, vn(2025, 3, 10, 17)),
        (vn(2025, 4, 21, 10), 10, CAL_DAY, vn(2025, 5, 5, 17)),
        # months: the same day of the month, or that month's last day
        (vn(2025, 1, 31, 9), 1, MONTH, vn(2025, 2, 28, 17)),
        (vn(2024, 12, 31, 9), 2, MONTH, vn(2025, 2, 28, 17)),
        (vn(2025, 3, 30, 9), 1, MONTH, vn(2025, 5, 5, 17)),
        (vn(2025, 3, 3, 18), 0, CAL_DAY, vn(2025, 3, 4, 17)),
    ],
)
def test_civil_law_counting(cal, start, amount, unit, due):
    assert add_working_time(start=start, amount=amount, unit=unit, calendar=cal) == due


def test_returned_one_and_a_half_days_early(cal):
    due = vn(2024, 5, 6, 17)
    returned = vn(2024, 5, 4, 13)  # the swapped working Saturday
    spent = working_time_between(start=due, end=returned, calendar=cal)
    assert spent.minutes == -720
    assert spent.days == Decimal("-1.50")
    assert spent.hours == Decimal("-12.00")


def test_returned_two_days_late_across_the_may_bridge(cal):
    spent = working_time_between(start=vn(2025, 4, 29, 17), end=vn(2025, 5, 6, 17), calendar=cal)
    assert spent.days == Decimal("2.00")


class TestPauses:
    def test_a_pause_moves_the_due_by_its_working_time(self, cal):
        pause = (vn(2025, 3, 4, 13), vn(2025, 3, 5, 13))  # one working day
        due = add_working_time(start=vn(2025, 3, 3, 9), amount=3, unit=DAY, calendar=cal, pauses=[pause])
        assert due == vn(2025, 3, 7, 9)

    def test_a_pause_over_a_weekend_moves_nothing(self, cal):
        pause = (vn(2025, 3, 8, 10), vn(2025, 3, 9, 10))
        due = add_working_time(start=vn(2025, 3, 3, 9), amount=10, unit=DAY, calendar=cal, pauses=[pause])
        assert due == add_working_time(start=vn(2025, 3, 3, 9), amount=10, unit=DAY, calendar=cal)

    def test_overlapping_pauses_count_once_and_pauses_before_the_start_not_at_all(self, cal):
        pauses = [
            (vn(2025, 3, 4, 7, 30), vn(2025, 3, 4, 17)),
            (vn(2025, 3, 4, 13), vn(2025, 3, 4, 17)),
            (vn(2025, 2, 3, 7), vn(2025, 3, 3, 9)),
        ]
        due = add_working_time(start=vn(2025, 3, 3, 9), amount=3, unit=DAY, calendar=cal, pauses=pauses)
        assert due == vn(2025, 3, 7, 9)

    def test_a_pause_after_the_due_moves_nothing(self, cal):
        pause = (vn(2025, 3, 10, 9), vn(2025, 3, 12, 9))
        due = add_working_time(start=vn(2025, 3, 3, 9), amount=3, unit=DAY, calendar=cal, pauses=[pause])
        assert due == vn(2025, 3, 6, 9)

    def test_a_reversed_pause_is_refused(self, cal):
        with pytest.raises(ValidationFailed) as err:
            add_working_time(
                start=vn(2025, 3, 3, 9),
                amount=1,
                unit=DAY,
                calendar=cal,
                pauses=[(vn(2025, 3, 5), vn(2025, 3, 4))],
            )
        assert err.value.code == "pause_reversed"


class TestTransfer:
    """RULES §4: the same working day, or the next working morning when received after 15:00."""

    @pytest.mark.parametrize(
        ("received", "deadline"),
        [
            (vn(2025, 3, 3, 14, 59), vn(2025, 3, 3, 17)),
            (vn(2025, 3, 3, 15, 0), vn(2025, 3, 3, 17)),
            (vn(2025, 3, 3, 15, 1), vn(2025, 3, 4, 11, 30)),
            (vn(2025, 3, 3, 18), vn(2025, 3, 4, 11, 30)),
            (vn(2025, 3, 3, 6), vn(2025, 3, 3, 17)),
            (vn(2025, 3, 8, 10), vn(2025, 3, 10, 17)),
            (vn(2025, 4, 25, 16), vn(2025, 4, 26, 11, 30)),  # the worked Saturday
            (vn(2025, 4, 29, 15, 30), vn(2025, 5, 5, 11, 30)),  # over 30/4–4/5
        ],
    )
    def test_transfer_deadline(self, cal, received, deadline):
        assert transfer_deadline(received_at=received, calendar=cal) == deadline


class TestBadInput:
    def check(self, cal, code, **kwargs):
        args = {"start": vn(2025, 3, 3, 9), "amount": 1, "unit": DAY, "calendar": cal, **kwargs}
        with pytest.raises(ValidationFailed) as err:
            add_working_time(**args)
        assert err.value.code == code
        return err.value

    def test_naive_datetime(self, cal):
        error = self.check(cal, "naive_datetime", start=dt.datetime(2025, 3, 3, 9))
        assert "start" in error.fields

    def test_a_date_is_not_a_moment(self, cal):
        self.check(cal, "invalid", start=dt.date(2025, 3, 3))

    def test_negative_amount(self, cal):
        self.check(cal, "negative_amount", amount=-1)
        self.check(cal, "negative_amount", amount=Decimal("-0.5"))

    def test_days_not_in_halves(self, cal):
        self.check(cal, "not_half_days", amount=Decimal("0.3"))
        self.check(cal, "not_half_days", amount=1.25)

    def test_hours_are_rounded_to_the_minute(self, cal):
        start = vn(2025, 3, 3, 9)
        assert add_working_time(start=start, amount=Decimal("0.001"), unit=HOUR, calendar=cal) == start
        assert add_working_time(start=start, amount=Decimal("0.0084"), unit=HOUR, calendar=cal) == vn(2025, 3, 3, 9, 1)

    def test_calendar_units_take_whole_numbers(self, cal):
        self.check(cal, "not_whole", unit=CAL_DAY, amount=Decimal("1.5"))

    def test_not_a_number(self, cal):
        self.check(cal, "invalid", amount="3")
        self.check(cal, "invalid", amount=True)
        self.check(cal, "invalid", amount=float("nan"))

    def test_unknown_unit(self, cal):
        self.check(cal, "unknown_unit", unit="fortnight")

    def test_unknown_calendar(self, cal, db):
        self.check(cal, "unknown_calendar", calendar="atlantis")
        self.check(cal, "unknown_calendar", calendar=42)

    def test_out_of_range(self, cal):
        self.check(cal, "out_of_range", start=vn(1989, 12, 31, 9))
        self.check(cal, "out_of_range", start=vn(2100, 12, 30, 9), amount=10)

    def test_between_needs_aware_moments(self, cal):
        with pytest.raises(ValidationFailed):
            working_time_between(start=dt.datetime(2025, 3, 3), end=vn(2025, 3, 4), calendar=cal)


def test_a_calendar_may_be_given_by_row_or_code(national):
    start, due = vn(2025, 4, 25, 9), vn(2025, 4, 29, 9)
    assert add_working_time(start=start, amount=3, unit=DAY, calendar=national) == due
    assert add_working_time(start=start, amount=3, unit=DAY, calendar="national") == due
