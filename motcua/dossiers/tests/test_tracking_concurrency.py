"""The check-digit lockout holds under parallel guesses, on the real PostgreSQL server (row locks)."""

import pytest

from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers import tracking
from motcua.dossiers.models import TrackingGuard
from motcua.dossiers.services.reception import dossier_intake_at_desk
from motcua.dossiers.tests.factories import make_world, vn
from motcua.dossiers.tests.test_concurrency import run_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 24


def test_parallel_wrong_checks_are_evaluated_at_most_five_times(settings, tmp_path):
    # given a received dossier
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip

    def guess(i: int) -> str:
        try:
            tracking.tracking_lookup(code=dossier.code, factor=f"{i:04d}")  # never the right one (5678, 2345)
        except NotFound as refused:
            return refused.code
        return "opened"

    # when 24 wrong checks arrive at once
    results, errors = run_parallel(guess, PARALLEL)
    # then all are refused, exactly 5 were counted as evaluated, and the right check no longer opens the code
    assert errors == []
    assert results == ["tracking_not_found"] * PARALLEL
    assert TrackingGuard.objects.get(dossier=dossier).failures == tracking.FACTOR_TRIES
    with pytest.raises(NotFound):
        tracking.tracking_lookup(code=dossier.code, factor="5678")
