"""Concurrent receptions on the real PostgreSQL server: the daily code is never shared or skipped."""

import pytest

from motcua.core import clock
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tests.test_concurrency import run_parallel
from motcua.petitions.models import Petition
from motcua.petitions.tests.factories import receive

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 24


def test_parallel_receptions_never_share_or_skip_a_code(city):
    receive(city)  # the day's row exists before the race, and one more that does not yet
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        results, errors = run_parallel(lambda i: receive(city, at=vn(2026, 3, 2, 10, i)).code, PARALLEL)
    assert errors == []
    assert sorted(int(code[-4:]) for code in results) == list(range(2, PARALLEL + 2))
    with clock.frozen(vn(2026, 3, 3, 10, 0)):
        results, errors = run_parallel(lambda i: receive(city, at=vn(2026, 3, 3, 10, i)).code, PARALLEL)
    assert errors == []
    assert sorted(results) == [f"PAKN.20260303.{n:04d}" for n in range(1, PARALLEL + 1)]
    assert Petition.objects.count() == 2 * PARALLEL + 1


def test_two_officers_merging_two_petitions_into_each_other_at_once_end_with_one_merge(city):
    from motcua.petitions import services

    first, second = receive(city), receive(city, at=vn(2026, 3, 2, 9, 30))
    pairs = [(first.pk, second.pk), (second.pk, first.pk)] * 4

    def merge(i: int) -> str:
        petition_id, into_id = pairs[i]
        return services.petition_merge(actor=None, petition_id=petition_id, into_id=into_id).code

    results, errors = run_parallel(merge, len(pairs))
    assert len(results) == 1  # the first merge wins; every other is refused, none deadlocks
    assert {type(error).__name__ for error in errors} <= {"Conflict", "ValidationFailed"}
    merged = Petition.objects.filter(merged_into__isnull=False)
    assert merged.count() == 1
    assert merged.get().merged_into_id in {first.pk, second.pk}
