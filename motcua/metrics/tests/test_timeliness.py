"""The timeliness on the fact row is ``dossiers.timing.classify`` of the end of processing against the judged due
moment, written by the incremental recording and by ``metrics rebuild`` alike. Reception Mon 02/03/2026 09:00–09:59
with the 2.5-working-day limit gives due moments on Wed 04/03 between 14:30 and 15:30."""

import pytest

from motcua.dossiers import timing
from motcua.dossiers.tests.factories import vn
from motcua.metrics.models import DossierFact
from motcua.metrics.readers.points import dossier_points
from motcua.metrics.services.rebuild import recount_all
from motcua.metrics.tests.helpers import decide, intake, pause, resume, transfer


def _stored() -> dict[int, str]:
    return dict(DossierFact.objects.values_list("dossier_id", "timeliness"))


@pytest.fixture
def three(world):
    """Given three dossiers decided the day before the due day, on the due day before the due moment, and the day
    after it, and a fourth still in processing."""
    early, on_time, late, open_ = (intake(world, vn(2026, 3, 2, 9, m)) for m in (0, 30, 59, 45))
    for dossier in (early, on_time, late, open_):
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    decide(world, early, vn(2026, 3, 3, 10, 0))
    decide(world, on_time, vn(2026, 3, 4, 10, 0))
    decide(world, late, vn(2026, 3, 5, 9, 0))
    for dossier in (early, on_time, late, open_):
        dossier.refresh_from_db()
    return early, on_time, late, open_


def test_the_stored_timeliness_is_the_timing_rule(three):
    early, on_time, late, open_ = three
    stored = _stored()
    # then each row holds what dossiers.timing says of its decision, and nothing while processing goes on
    for dossier in (early, on_time, late):
        assert stored[dossier.pk] == timing.classify(dossier.decided_at, dossier.due_at)
    assert [stored[d.pk] for d in three] == [timing.EARLY, timing.ON_TIME, timing.LATE, ""]


def test_the_flags_and_the_points_follow_the_stored_timeliness(three):
    early, on_time, late, _open = three
    facts = DossierFact.objects.in_bulk([d.pk for d in three])
    assert [(facts[d.pk].on_time, facts[d.pk].early) for d in (early, on_time, late)] == [
        (True, True), (True, False), (False, False),
    ]  # fmt: skip
    # indicator 1 of the evaluation reads it: 2 early, 1 on time, 0 late, no data before the decision
    assert [dossier_points(d.pk).i1 for d in three] == [2, 1, 0, None]


def test_rebuild_writes_the_same_timeliness_as_the_incremental_recording(three):
    incremental = _stored()
    DossierFact.objects.update(timeliness="")  # forget it: the rebuild must decide it again
    recount_all()
    assert _stored() == incremental


def test_a_closed_pause_moves_the_judged_due_moment_the_timeliness_is_judged_on(world):
    # given a dossier paused for the applicant on 03/03 for four working days: due Tue 10/03 14:30
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 3, 9, 0))
    resume(world, dossier, vn(2026, 3, 9, 9, 0))
    # when it is decided on 10/03 before the moved due moment
    decide(world, dossier, vn(2026, 3, 10, 10, 0))
    fact = DossierFact.objects.get(pk=dossier.pk)
    # then it ended on time by the judged due moment, as the rule says
    assert fact.timeliness == timing.classify(vn(2026, 3, 10, 10, 0), fact.judged_due) == timing.ON_TIME
    recount_all()
    assert DossierFact.objects.get(pk=dossier.pk).timeliness == timing.ON_TIME
