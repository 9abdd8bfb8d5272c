"""The report's counts on dossiers made through the services: each column, the balances, and the index's counts."""

import datetime as dt

import pytest

from motcua.core.errors import ValidationFailed
from motcua.metrics.measures import M
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import measure_sums
from motcua.metrics.services import compaction
from motcua.metrics.services.compaction import compact
from motcua.metrics.tests.helpers import indicator
from motcua.metrics.tests.helpers import report as index
from motcua.reports.services import handling_report
from motcua.reports.table import KEYS
from motcua.reports.tests.helpers import FEBRUARY, MARCH, make_month

EXPECTED_CIVIL = {
    "received": 8, "carried_over": 1, "new_online": 1, "new_counter": 5, "new_postal": 1,
    "resolved": 4, "resolved_early": 2, "resolved_on_time": 1, "resolved_late": 1,
    "in_progress": 3, "in_progress_on_time": 1, "in_progress_overdue": 2,
    "withdrawn_stopped": 1, "apologies": 1,
}  # fmt: skip
EXPECTED_OTHER = {
    **dict.fromkeys(KEYS, 0), "received": 1, "new_counter": 1, "resolved": 1, "resolved_late": 1,
}  # fmt: skip


def _balanced(values):
    assert (
        values["received"]
        == values["carried_over"] + values["new_online"] + values["new_counter"] + values["new_postal"]
    )
    assert values["received"] == values["resolved"] + values["in_progress"] + values["withdrawn_stopped"]
    assert values["resolved"] == values["resolved_early"] + values["resolved_on_time"] + values["resolved_late"]
    assert values["in_progress"] == values["in_progress_on_time"] + values["in_progress_overdue"]


def test_each_kind_of_dossier_lands_in_its_column(world):
    # given a month with one dossier of each kind, in two fields of Sở Tư pháp
    month = make_month(world)
    # when the province's March report is made
    report = handling_report(Scope(world.city.province), *MARCH)
    # then Sở Tư pháp has one row per field, in field-code order, with the expected counts
    assert [(r.agency_code, r.field_code) for r in report.rows] == [
        (world.city.justice.code, "TP-CT"), (world.city.justice.code, "TP-HT"),
    ]  # fmt: skip
    other, civil = report.rows
    assert civil.values == EXPECTED_CIVIL
    assert other.values == EXPECTED_OTHER
    assert (civil.field_name, other.field_name) == (month.civil.name, month.other.name)


def test_totals_equal_the_sum_of_the_rows_and_every_row_balances(world):
    make_month(world)
    for period in (
        MARCH,
        FEBRUARY,
        (dt.date(2026, 3, 3), dt.date(2026, 3, 4)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ):
        report = handling_report(Scope(world.city.province), *period)
        for key in KEYS:
            assert report.total.values[key] == sum(r.values[key] for r in report.rows), (period, key)
        for row in [*report.rows, report.total]:
            _balanced(row.values)


def test_a_period_carries_over_what_the_previous_one_left_open(world):
    make_month(world)
    february = handling_report(world.city.province, *FEBRUARY).total.values
    assert (february["new_counter"], february["in_progress"], february["in_progress_on_time"]) == (1, 1, 1)
    march = handling_report(world.city.province, *MARCH).total.values
    assert march["carried_over"] == february["in_progress"]
    april = handling_report(world.city.province, dt.date(2026, 4, 1), dt.date(2026, 4, 30)).total.values
    assert april["carried_over"] == march["in_progress"]


@pytest.mark.parametrize(
    "compacted",
    [
        pytest.param(False, id="journal"),
        # committed: the compactor folds only what finished transactions wrote
        pytest.param(True, id="folded totals", marks=pytest.mark.django_db(transaction=True)),
    ],
)
def test_the_counts_are_the_index_counts_for_the_same_period(world, compacted, monkeypatch):
    monkeypatch.setattr(compaction, "_schedule", lambda: None)  # folded by the call below only
    make_month(world)
    if compacted:
        assert compact() > 0
    scope = Scope(world.city.province)
    for start, end in (
        MARCH,
        FEBRUARY,
        (dt.date(2026, 3, 2), dt.date(2026, 3, 5)),
        (dt.date(2026, 2, 15), dt.date(2026, 4, 10)),
    ):
        total = handling_report(scope, start, end).total.values
        sums = measure_sums(scope=scope, start=start, end=end)
        eve = measure_sums(scope=scope, start=start - dt.timedelta(1), end=start - dt.timedelta(1))
        assert total["new_online"] + total["new_counter"] + total["new_postal"] == sums.flow(M.RECEIVED)
        assert total["carried_over"] == eve.stock(M.OPEN)
        assert total["resolved"] + total["withdrawn_stopped"] == sums.flow(M.FINISHED)
        assert total["in_progress"] == sums.stock(M.OPEN)
        assert total["in_progress_overdue"] == sums.stock(M.OPEN_OVERDUE)
        # the progress indicator of the index: finished (resolved or stopped) + in progress, and those in time
        item = indicator(index(world, start, end), "progress", "on_time")
        assert total["resolved"] + total["withdrawn_stopped"] + total["in_progress"] == item["denominator"]
        on_time = total["resolved_early"] + total["resolved_on_time"] + total["in_progress_on_time"]
        stopped_in_time = sums.flow(M.FINISHED_ON_TIME) - total["resolved_early"] - total["resolved_on_time"]
        assert on_time + stopped_in_time == item["numerator"]


def test_one_field_and_one_part_of_the_tree(world):
    month = make_month(world)
    only = handling_report(Scope(world.city.province), *MARCH, field=month.other)
    assert [r.field_code for r in only.rows] == ["TP-CT"]
    assert only.total.values == EXPECTED_OTHER
    ward = handling_report(Scope(world.city.wards[0]), *MARCH)
    assert ward.rows == [] and not any(ward.total.values.values())
    justice = handling_report(world.city.justice, *MARCH)
    assert justice.total.values == handling_report(world.city.province, *MARCH).total.values


def test_a_reversed_or_too_long_period_is_refused(world):
    with pytest.raises(ValidationFailed):
        handling_report(world.city.province, dt.date(2026, 3, 31), dt.date(2026, 3, 1))
    with pytest.raises(ValidationFailed):
        handling_report(world.city.province, dt.date(2020, 1, 1), dt.date(2026, 1, 1))
