"""Every number the dashboard links has exactly as many dossiers behind it: the drill-down conditions on the fact
rows say what ``metrics.facts.contributions`` adds to the aggregates."""

import datetime as dt

import pytest

from motcua.dashboard import drilldown, selectors
from motcua.dashboard.periods import Period
from motcua.metrics.scope import Part, Scope

PERIODS = [
    Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026-03"),
    Period(dt.date(2026, 3, 2), dt.date(2026, 3, 4), ""),  # edge days only; judged before the due day passed
    Period(dt.date(2026, 3, 5), dt.date(2026, 3, 6), ""),  # the late decision; the open ones overdue by then
    Period(dt.date(2026, 1, 1), dt.date(2026, 4, 30), ""),  # whole months and the April dossier
    Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30), "2026-Q2"),  # received before, still open
    Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28), "2026-02"),  # nothing yet
]


@pytest.fixture
def synced(settings):
    settings.NATIONAL_PORTAL_URL = "http://127.0.0.1:9/portal"  # the synced indicator is then counted (0 here)


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}..{p.end}")
def test_each_list_has_as_many_dossiers_as_its_number(world, story, synced, period):
    for agency, part in [(world.city.province, Part.ALL), (world.city.justice, Part.ALL),
                         (world.city.province, Part.PROVINCIAL_BODIES), (world.city.wards[0], Part.ALL)]:  # fmt: skip
        data = selectors.overview(agency=agency, period=period, part=part)
        scope = Scope(agency, part)
        offered = {m.key for m in drilldown.MEASURES}
        assert offered <= set(data.counts), offered - set(data.counts)
        for key in sorted(offered):
            listed = drilldown.count(scope=scope, measure=key, start=period.start, end=period.end)
            assert listed == data.counts[key], (agency.code, part, period, key)


def test_the_story_reaches_every_kind_of_number(world, story):
    """The equality above is not vacuous: the March figures of the story are not zero where it matters."""
    data = selectors.overview(agency=world.city.province, period=PERIODS[0])
    nonzero = {k for k, v in data.counts.items() if v}
    assert {"received", "finished_on_time", "finished_early", "finished_late", "overdue", "rated", "satisfied",
            "not_satisfied", "decided", "electronic_result", "with_fees", "full_eligible"} <= nonzero  # fmt: skip


def test_the_overdue_list_is_the_open_dossiers_past_due_at_the_period_end(world, story):
    march = PERIODS[0]
    page = drilldown.page(scope=Scope(world.city.province), measure="overdue", start=march.start, end=march.end)
    assert {d.pk for d in page.rows} == {d.pk for d in story.overdue}
    # before the due day passed they were in progress within time
    early = PERIODS[1]
    assert drilldown.count(scope=Scope(world.city.province), measure="overdue", start=early.start, end=early.end) == 0


def test_pages_are_keyset_pages_newest_first(world, story, monkeypatch):
    monkeypatch.setattr(drilldown, "PAGE_SIZE", 2)
    scope, period = Scope(world.city.province), PERIODS[3]
    first = drilldown.page(scope=scope, measure="received", start=period.start, end=period.end)
    second = drilldown.page(scope=scope, measure="received", start=period.start, end=period.end,
                            after=first.next_cursor or "")  # fmt: skip
    third = drilldown.page(scope=scope, measure="received", start=period.start, end=period.end,
                           after=second.next_cursor or "")  # fmt: skip
    ids = [d.pk for d in first.rows + second.rows + third.rows]
    assert ids == sorted(ids, reverse=True) and len(ids) == 5 and third.next_cursor is None
