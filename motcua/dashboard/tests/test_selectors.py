"""The dashboard's figures: counts from the index, ranking order, targets inherited along the tree and their gaps."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dashboard import selectors, services
from motcua.dashboard.models import Target
from motcua.dashboard.periods import Period, parse_period, period_of_key
from motcua.dashboard.targets import DEFAULTS, targets_in_force

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026-03")
Q1_APRIL = Period(dt.date(2026, 1, 1), dt.date(2026, 4, 30), "")


def test_the_overview_counts_what_the_index_counts(world, story):
    data = selectors.overview(agency=world.city.province, period=MARCH)
    c = data.counts
    assert (c["received"], c["finished"], c["finished_on_time"], c["finished_early"], c["finished_late"]) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert (c["in_progress"], c["overdue"], c["in_progress_on_time"]) == (2, 2, 0)
    assert (c["counted"], c["handled_on_time"], c["late"]) == (4, 1, 3)
    assert (c["returned"], c["rated"], c["satisfied"], c["not_satisfied"]) == (2, 2, 1, 1)
    # the rating figures are the ratings report's, truncated
    assert (data.ratings["rated_rate"], data.ratings["satisfied_rate"]) == (100.0, 50.0)


def test_the_trend_reads_one_index_per_month(world, story, django_assert_max_num_queries):
    # one aggregate read per month, plus the index's few catalogue reads; never a read per dossier
    with django_assert_max_num_queries(4 * 6 + 2):
        months = selectors.trend(agency=world.city.province, period=Q1_APRIL)
    assert [m["start"] for m in months] == [dt.date(2026, m, 1) for m in (1, 2, 3, 4)]
    assert [m["counts"]["received"] for m in months] == [0, 0, 4, 1]
    assert [m["counts"]["overdue"] for m in months] == [0, 0, 2, 2]  # still open at the end of April


def test_ranking_sorts_by_total_shares_ranks_on_ties_and_puts_the_unscored_last():
    rows = [
        {"name": "B", "total": 70.5, "max_available": 84.0},
        {"name": "A", "total": 70.5, "max_available": 84.0},
        {"name": "C", "total": 90.1, "max_available": 84.0},
        {"name": "D", "total": 0.0, "max_available": 0.0},
        {"name": "E", "total": 12.0, "max_available": 84.0},
    ]
    ranked = selectors.rank(rows)
    assert [(r["name"], r["rank"]) for r in ranked] == [("C", 1), ("A", 2), ("B", 2), ("E", 4), ("D", None)]


def test_ranking_of_the_province_lists_its_children_best_first(world, story):
    rows = selectors.ranking(agency=world.city.province, period=MARCH)
    assert {r["code"] for r in rows} == {world.city.centre.code, world.city.justice.code,
                                         *(w.code for w in world.city.wards)}  # fmt: skip
    totals = [r["total"] for r in rows if r["rank"] is not None]
    assert totals == sorted(totals, reverse=True)
    justice = next(r for r in rows if r["code"] == world.city.justice.code)
    assert justice["counts"]["overdue"] == 2 and justice["ratings"]["rated"] == 2


def test_targets_inherit_from_the_nearest_ancestor_else_the_default(world, leader_admin):
    province, justice = world.city.province, world.city.justice
    day = dt.date(2026, 3, 31)
    assert targets_in_force(justice, day)["paid_online_share"].threshold == DEFAULTS["paid_online_share"] == 30
    services.target_set(actor=leader_admin, agency=province, key="paid_online_share", threshold="45",
                        valid_from=dt.date(2026, 1, 1))  # fmt: skip
    found = targets_in_force(justice, day)["paid_online_share"]
    assert (found.threshold, found.source) == (Decimal(45), province)
    # the agency's own row wins once in force; before its date the ancestor's applies
    services.target_set(actor=leader_admin, agency=justice, key="paid_online_share", threshold="50,5",
                        valid_from=dt.date(2026, 3, 15))  # fmt: skip
    assert targets_in_force(justice, day)["paid_online_share"].threshold == Decimal("50.5")
    assert targets_in_force(justice, dt.date(2026, 3, 14))["paid_online_share"].threshold == Decimal(45)
    # a later row of the ancestor does not override the agency's own
    services.target_set(actor=leader_admin, agency=province, key="paid_online_share", threshold="20",
                        valid_from=dt.date(2026, 3, 20))  # fmt: skip
    assert targets_in_force(justice, day)["paid_online_share"].threshold == Decimal("50.5")


def test_gaps_are_actual_minus_target_in_points_truncated(world, story, leader_admin):
    services.target_set(actor=leader_admin, agency=world.city.province, key="on_time_share", threshold="33.33",
                        valid_from=dt.date(2026, 1, 1))  # fmt: skip
    data = selectors.overview(agency=world.city.justice, period=MARCH)
    rows = {t.key: t for t in data.targets}
    on_time = rows["on_time_share"]
    assert (on_time.numerator, on_time.denominator, on_time.actual) == (1, 4, 25.0)
    assert on_time.gap == -8.33 and on_time.met is False
    satisfied = rows["satisfied_share"]  # 1 of 2 ratings against the default 90%
    assert (satisfied.actual, satisfied.gap, satisfied.threshold) == (50.0, -40.0, Decimal(90))
    rated = rows["rated_share"]
    assert (rated.actual, rated.gap, rated.met) == (100.0, 20.0, True)
    # four dossiers with fees, none paid online: 0% against the default 30%
    assert (rows["paid_online_share"].actual, rows["paid_online_share"].gap) == (0.0, -30.0)
    assert (rows["full_process_online_share"].actual, rows["full_process_online_share"].gap) == (0.0, -40.0)
    # a period without dossiers has no denominators: no share and no gap (except the fee procedures, a catalogue
    # figure: the procedure has fees whether or not anyone filed)
    february = selectors.overview(
        agency=world.city.justice, period=Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28), "")
    )
    shares = {t.key: (t.actual, t.gap) for t in february.targets}
    assert shares.pop("fee_procedures_paid_online_share") == (0.0, -60.0)
    assert set(shares.values()) == {(None, None)}


@pytest.mark.parametrize("value", ["101", "-1", "abc", "NaN", ""])
def test_a_target_must_be_a_percentage(world, leader_admin, value):
    with pytest.raises(ValidationFailed) as caught:
        services.target_set(actor=leader_admin, agency=world.city.justice, key="on_time_share", threshold=value)
    assert "threshold" in caught.value.fields
    assert not Target.objects.exists()


def test_only_leaders_and_administrators_set_targets(world, inspector):
    with pytest.raises(PermissionDenied):
        services.target_set(actor=inspector, agency=world.city.justice, key="on_time_share", threshold="90")
    # a leader of the agency may; a leader may not set its parent's
    services.target_set(actor=world.leader, agency=world.city.justice, key="on_time_share", threshold="90")
    with pytest.raises(PermissionDenied):
        services.target_set(actor=world.leader, agency=world.city.province, key="on_time_share", threshold="90")


def test_periods_are_read_from_keys_or_days():
    today = dt.date(2026, 11, 25)
    assert period_of_key("2026-Q1", today) == Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026-Q1")
    assert period_of_key("2026-11", today) == Period(dt.date(2026, 11, 1), today, "2026-11")  # not after today
    assert period_of_key("2026-13", today) is None
    assert parse_period({}, today)[0] == Period(dt.date(2026, 1, 1), today, "2026")
    assert parse_period({"from": "2026-04-01", "to": "2026-06-30"}, today)[0].key == "2026-Q2"
    period, error = parse_period({"from": "2026-05-01", "to": "2026-04-01"}, today)
    assert error and period.start == dt.date(2026, 1, 1)


def test_an_agency_without_dossiers_has_no_data_and_no_rank(world, story):
    # the wards received nothing in March: their catalogue and petition points alone must not rank (or band) them
    rows = selectors.ranking(agency=world.city.province, period=MARCH)
    wards = [r for r in rows if r["code"] in {w.code for w in world.city.wards}]
    assert wards and all(r["has_data"] is False for r in wards)
    assert all(r["rank"] is None and r["band"] == "" for r in wards)
    justice = next(r for r in rows if r["code"] == world.city.justice.code)
    assert justice["has_data"] and justice["rank"] == 1
