"""The aggregates: which buckets answer a period, folding the journal, and writers that never wait for each other."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import processing, results
from motcua.dossiers.tests.factories import make_world, vn
from motcua.metrics import journal
from motcua.metrics.measures import M
from motcua.metrics.models import Delta, Total
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import EMPTY, Plan, measure_sums, measure_sums_of_subtrees
from motcua.metrics.services import compaction, recording
from motcua.metrics.services.compaction import compact
from motcua.metrics.tests.helpers import decide, intake, transfer

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months", "days", "stock_months_to", "stock_days"),
    [
        # a whole quarter: three month rows, no day rows; stocks from the month rows up to March
        (D(2026, 1, 1), D(2026, 3, 31), (D(2026, 1, 1), D(2026, 3, 1)), (EMPTY, EMPTY), D(2026, 3, 1), EMPTY),
        # 15/01–10/03: February whole, the edges by day; stocks up to February plus 1–10 March
        (D(2026, 1, 15), D(2026, 3, 10), (D(2026, 2, 1), D(2026, 2, 1)),
         ((D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 10))), D(2026, 2, 1),
         (D(2026, 3, 1), D(2026, 3, 10))),
        # within one month: days only
        (D(2026, 3, 5), D(2026, 3, 9), EMPTY, ((D(2026, 3, 5), D(2026, 3, 9)), EMPTY), D(2026, 2, 1),
         (D(2026, 3, 1), D(2026, 3, 9))),
        # across a year end, the last day of February of a leap year
        (D(2023, 12, 31), D(2024, 2, 29), (D(2024, 1, 1), D(2024, 2, 1)), ((D(2023, 12, 31), D(2023, 12, 31)), EMPTY),
         D(2024, 2, 1), EMPTY),
    ],
)  # fmt: skip
def test_a_period_is_answered_by_whole_months_and_edge_days(start, end, months, days, stock_months_to, stock_days):
    assert Plan.for_period(start, end) == Plan(months, days, stock_months_to, stock_days)


PERIODS = [
    (D(2026, 1, 1), D(2026, 4, 30)), (D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 1, 20), D(2026, 3, 3)),
    (D(2026, 3, 4), D(2026, 3, 4)), (D(2026, 3, 31), D(2026, 4, 1)), (D(2025, 12, 1), D(2026, 1, 31)),
]  # fmt: skip


def _readings(world):
    return [measure_sums(scope=Scope(world.city.province), start=s, end=e) for s, e in PERIODS]


@pytest.mark.django_db(transaction=True)
def test_folding_the_journal_changes_no_reading_and_keeps_counting_after(committed_world, monkeypatch):
    world = committed_world  # committed: the compactor folds what finished transactions wrote
    monkeypatch.setattr(compaction, "_schedule", lambda: None)  # no background fold after each commit
    made = []
    for n, day in enumerate([D(2026, 1, 30), D(2026, 2, 2), D(2026, 2, 27), D(2026, 3, 2), D(2026, 3, 31)]):
        dossier = intake(world, vn(day.year, day.month, day.day, 9, n))
        transfer(world, dossier, vn(day.year, day.month, day.day, 10, 0))
        made.append(dossier)
    decide(world, made[0], vn(2026, 2, 3, 9, 0))  # late, decided in another month
    decide(world, made[3], vn(2026, 3, 3, 9, 0))
    before = _readings(world)
    written = Delta.objects.count()
    assert compact(batch=7) == written  # in several batches
    assert not journal.unfolded_rows().exists()
    assert Delta.objects.count() == written  # append-only: the rows stay, the mark moved past them
    assert _readings(world) == before
    assert Total.objects.filter(field_id=0).exists() and Total.objects.filter(grain=Total.MONTH).exists()
    # more events after the fold: the journal and the totals add up
    decide(world, made[4], vn(2026, 4, 1, 9, 0))
    sums = measure_sums(scope=Scope(world.city.province), start=D(2026, 3, 1), end=D(2026, 4, 30))
    assert (sums.flow(M.FINISHED), sums.stock(M.OPEN)) == (2, 2)


@pytest.mark.django_db(transaction=True)
def test_one_read_of_a_tree_gives_each_subtree_what_its_own_read_gives(committed_world):
    world = committed_world
    made = [intake(world, vn(2026, 3, 2, 9, n)) for n in range(4)]
    for dossier in made[:3]:
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    decide(world, made[0], vn(2026, 3, 3, 9, 0))
    compact(batch=5)  # some folded into totals, the rest still in the journal
    decide(world, made[1], vn(2026, 3, 20, 9, 0))  # late, journal only
    city = world.city
    roots = [city.province, city.centre, city.justice, *city.wards]  # the province overlaps the others
    for start, end in (
        (D(2026, 3, 1), D(2026, 3, 31)),
        (D(2026, 3, 3), D(2026, 3, 19)),
        (D(2026, 1, 1), D(2026, 12, 31)),
    ):
        grouped = measure_sums_of_subtrees(parent=city.province, roots=roots, start=start, end=end)
        for root in roots:
            assert grouped[root.pk] == measure_sums(scope=Scope(root), start=start, end=end), (root.code, start)
    assert grouped[city.province.pk].flow(M.RECEIVED) == 4


@pytest.fixture
def committed_world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def _in_progress(world, n):
    made = []
    for i in range(n):
        dossier = intake(world, vn(2026, 3, 2, 9, i))
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
        made.append(dossier)
    return made


def _in_thread(work, hold: threading.Event | None, done: threading.Event, errors: list):
    """Run ``work`` in a transaction of its own; with ``hold``, keep it open until told; without, fail rather than
    wait for a lock."""
    try:
        with transaction.atomic():
            if hold is None:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '1s'")
            work()
            done.set()
            if hold is not None:
                hold.wait(30)
    except Exception as exc:  # reported to the test
        errors.append(exc)
        done.set()
    finally:
        connections.close_all()


def _concurrently(first_work, second_work):
    """The first transaction writes and stays open while the second runs and commits; the errors of both."""
    hold, first_done, second_done, errors = threading.Event(), threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_in_thread, args=(first_work, hold, first_done, errors))
    holder.start()
    assert first_done.wait(30)
    other = threading.Thread(target=_in_thread, args=(second_work, None, second_done, errors))
    other.start()
    other.join(30)
    hold.set()
    holder.join(30)
    return errors


def _ready_to_decide(world, n):
    made = _in_progress(world, n)
    for dossier in made:
        with clock.frozen(vn(2026, 3, 2, 11, 0)):
            step = dossier.steps.get(status="active", kind="appraise")
            processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
    return made


def _counted_decision(dossier_id):
    """What the subscriber does when a dossier is decided, in the caller's transaction, with only the dossier's own
    row locked (the dossier itself is changed in memory only)."""

    def work():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure_version", "receiving_agency")
            .get(pk=dossier_id)
        )
        dossier.state, dossier.decided_at = "decided", vn(2026, 3, 3, 9, 0)
        recording.on_dossier_events(dossier, [DossierEvent(action="decide")])

    return work


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_dossiers_of_one_agency_field_and_day_are_counted_without_waiting_for_each_other(committed_world):
    first, second = _ready_to_decide(committed_world, 2)
    # when one transaction has written its deltas and is still open, another writes and commits: no shared row
    assert _concurrently(_counted_decision(first.pk), _counted_decision(second.pk)) == []
    sums = measure_sums(scope=Scope(committed_world.city.province), start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert sums.flow(M.FINISHED) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_decisions_through_the_services_do_not_wait_for_each_other(committed_world):
    world = committed_world
    first, second = _ready_to_decide(world, 2)

    def decide_now(dossier):
        def work():
            with clock.frozen(vn(2026, 3, 3, 9, 0)):
                results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")

        return work

    assert _concurrently(decide_now(first), decide_now(second)) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_fold_during_an_open_transaction_loses_and_doubles_nothing(committed_world, monkeypatch):
    world = committed_world
    (dossier,) = _ready_to_decide(world, 1)
    compact()
    monkeypatch.setattr(compaction, "_schedule", lambda: None)  # only the folds below, no background one
    hold, done, errors = threading.Event(), threading.Event(), []
    writer = threading.Thread(target=_in_thread, args=(_counted_decision(dossier.pk), hold, done, errors))
    writer.start()
    assert done.wait(30)
    compact()  # the writer's deltas are not committed: they stay in the journal
    hold.set()
    writer.join(30)
    assert errors == []
    assert journal.unfolded_rows().exists()
    compact()
    sums = measure_sums(scope=Scope(world.city.province), start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert (sums.flow(M.FINISHED), sums.stock(M.OPEN), sums.flow(M.RECEIVED)) == (1, 0, 1)
