"""An open item's timeliness is ``classify`` judged now, at risk when it would be late by ``soon``; the queries of
open dossiers that are late or due soon select exactly the dossiers it calls so."""

import datetime as dt

from motcua.dossiers import timing
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.workflow import CLOCK_STATES, State

NOW = vn(2026, 3, 4, 10, 0)
SOON = vn(2026, 3, 5, 10, 0)


def test_an_open_item_is_late_at_risk_or_on_time_by_now_and_soon():
    assert timing.open_timeliness(NOW - dt.timedelta(minutes=1), now=NOW, soon=SOON) == timing.LATE
    assert timing.open_timeliness(NOW, now=NOW, soon=SOON) == timing.AT_RISK
    assert timing.open_timeliness(SOON - dt.timedelta(minutes=1), now=NOW, soon=SOON) == timing.AT_RISK
    assert timing.open_timeliness(SOON, now=NOW, soon=SOON) == timing.ON_TIME
    assert timing.open_timeliness(None, now=NOW, soon=SOON) == ""


def test_a_dossier_is_judged_now_while_its_clock_runs_and_by_its_decision_after():
    due = NOW - dt.timedelta(hours=1)
    for state in CLOCK_STATES:
        assert timing.dossier_timeliness(state=state, due_at=due, decided_at=None, now=NOW, soon=SOON) == timing.LATE
    decided = timing.dossier_timeliness(state=State.DECIDED, due_at=due, decided_at=due, now=NOW, soon=SOON)
    assert decided == timing.classify(due, due) == timing.ON_TIME
    assert timing.dossier_timeliness(state=State.SUBMITTED, due_at=due, decided_at=None, now=NOW, soon=SOON) == ""


def test_the_clock_states_are_the_open_states_before_the_decision():
    assert set(CLOCK_STATES) == {State.RECEIVED, State.IN_PROGRESS, State.PAUSED}
    assert timing.open_late_q(NOW).children == timing.clock_runs_q().children + [("due_at__lt", NOW)]
