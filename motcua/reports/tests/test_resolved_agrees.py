"""The dashboard and the report count the same resolved dossiers for the same period (issue 13 §6): withdrawn
and stopped dossiers are not resolved on either side."""

from motcua.dashboard.periods import Period
from motcua.dashboard.selectors import overview
from motcua.reports.services import handling_report
from motcua.reports.tests.helpers import MARCH, make_month


def test_the_dashboard_and_the_report_agree_on_resolved_early_on_time_and_late(world):
    make_month(world)  # decided early, on time and late, one overdue, one stopped at the applicant's request …
    agency = world.city.justice
    report = handling_report(agency, *MARCH)
    counts = overview(agency=agency, period=Period(*MARCH, key="2026-03")).counts
    assert report.total["withdrawn_stopped"] >= 1  # the month has a stopped dossier, which must not count
    assert counts["finished"] == report.total["resolved"]
    assert counts["finished_early"] == report.total["resolved_early"]
    assert counts["finished_on_time"] == report.total["resolved_early"] + report.total["resolved_on_time"]
    assert counts["finished_late"] == report.total["resolved_late"]


def test_a_stopped_dossier_is_not_resolved_on_the_dashboard(world):
    make_month(world)
    agency = world.city.justice
    march = overview(agency=agency, period=Period(*MARCH, key="2026-03")).counts
    # the 766 on-time indicator still counts the stop as the end of processing; the "finished" figure does not
    assert march["counted"] - march["in_progress"] > march["finished"]
