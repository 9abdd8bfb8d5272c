"""An open item's timeliness is ``classify`` judged now, at risk when it would be late by ``soon``; the queries of
open dossiers that are late or due soon select exactly the dossiers it calls so."""

import datetime as dt

import pytest
from django.db import connection

from motcua.core import sqlvendor
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("finished", "due"),
    [
        (vn(2026, 3, 4, 10, 0), vn(2026, 3, 4, 10, 0)),  # at the due moment: on time
        (vn(2026, 3, 4, 10, 1), vn(2026, 3, 4, 10, 0)),  # a minute after: late
        (vn(2026, 3, 3, 23, 59), vn(2026, 3, 4, 0, 30)),  # the day before in Vietnam: early
        (vn(2026, 3, 4, 0, 10), vn(2026, 3, 4, 23, 0)),  # same Vietnamese day, UTC days differ: on time
        (vn(2026, 3, 4, 6, 59), vn(2026, 3, 4, 7, 30)),  # 23:59 and 00:30 UTC: still the same day in Vietnam
    ],
)
def test_the_sql_form_of_the_rule_agrees_with_classify(finished, due):
    """``classify_sql`` is ``classify`` for readers that judge many rows in SQL (the TT 01 step indicator)."""
    cast = "CAST(%s AS timestamptz)" if sqlvendor.is_postgresql() else "%s"
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {timing.classify_sql('v.finished', 'v.due')} FROM (SELECT {cast} AS finished, {cast} AS due) v",  # noqa: S608
            [adapt(finished), adapt(due)],
        )
        (verdict,) = cursor.fetchone()
    assert verdict == timing.classify(finished, due)
