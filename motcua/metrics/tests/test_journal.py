"""The index journal is append-only: the database refuses to change it, and folding it moves a mark instead of
deleting rows — without ever losing or double-counting a row, whatever order the writers commit in."""

import datetime as dt
import threading

import psycopg
import pytest
from django.db import IntegrityError, connection, connections, transaction

from motcua.core import appendonly, clock
from motcua.dossiers.tests.factories import make_world, vn
from motcua.metrics import journal
from motcua.metrics.measures import M
from motcua.metrics.models import Delta
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import measure_sums
from motcua.metrics.services.compaction import compact
from motcua.metrics.services.rebuild import recount_all
from motcua.metrics.tests.helpers import decide, intake, transfer

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _march(world):
    sums = measure_sums(scope=Scope(world.city.province), start=MARCH[0], end=MARCH[1])
    return sums.flow(M.RECEIVED), sums.flow(M.FINISHED), sums.stock(M.OPEN)


@pytest.fixture
def committed_world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


# ---- the guard ------------------------------------------------------------------------------------------------


def test_the_journal_is_guarded_after_every_migration(db):
    assert appendonly.installed(connection, Delta._meta.db_table) >= {"UPDATE", "DELETE"}
    if connection.vendor == "postgresql":
        assert "TRUNCATE" in appendonly.installed(connection, Delta._meta.db_table)


def test_journal_rows_cannot_be_updated_or_deleted_through_the_orm(world):
    intake(world, vn(2026, 3, 2, 9, 0))
    assert Delta.objects.exists()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Delta.objects.update(delta=0)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Delta.objects.all().delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Delta.objects.filter(pk=Delta.objects.first().pk).update(day=dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    "statement",
    ["UPDATE metrics_delta SET delta = delta * 2", "DELETE FROM metrics_delta", "TRUNCATE metrics_delta"],
    ids=["update", "delete", "truncate"],
)
def test_journal_rows_cannot_be_changed_in_raw_sql(world, statement):
    if statement.startswith("TRUNCATE") and connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (DELETE FROM is the case above)")
    intake(world, vn(2026, 3, 2, 9, 0))
    before = sorted(Delta.objects.values_list("id", "delta"))
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert sorted(Delta.objects.values_list("id", "delta")) == before


# ---- folding --------------------------------------------------------------------------------------------------


def test_a_fold_inside_a_transaction_that_keeps_writing_loses_nothing(world):
    """Given a transaction that wrote journal rows, when it folds the journal and then writes more, every row counts
    once (on PostgreSQL its own rows are not folded before it ends: it may add more of its own)."""
    first = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, first, vn(2026, 3, 2, 10, 0))
    if connection.vendor == "postgresql":
        _a_newer_transaction_commits_elsewhere()  # this transaction is then neither the newest nor "in progress" by xmax
    compact()
    decide(world, first, vn(2026, 3, 3, 9, 0))
    intake(world, vn(2026, 3, 4, 9, 0))
    compact()
    assert _march(world) == (2, 1, 1)


def _a_newer_transaction_commits_elsewhere():
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname=settings["NAME"]
    ) as other:
        other.execute("SELECT pg_current_xact_id()")  # takes a transaction id, then commits


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_transaction_that_commits_after_a_later_one_is_folded_once(committed_world):
    """Given writer A that took journal ids first and commits last, and writer B that committed in between: a fold
    after B's commit must not pass A's rows (a mark on ids would: A's lower ids would never be read again)."""
    world = committed_world
    dossiers = [intake(world, vn(2026, 3, 2, 9, n)) for n in range(2)]
    for dossier in dossiers:
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    compact()
    a_wrote, a_may_commit, errors = threading.Event(), threading.Event(), []

    def writer_a():
        try:
            with transaction.atomic():
                decide(world, dossiers[0], vn(2026, 3, 3, 9, 0))  # journal rows with the lower ids
                a_wrote.set()
                assert a_may_commit.wait(30)
        except Exception as exc:  # reported to the test
            errors.append(exc)
            a_wrote.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer_a)
    thread.start()
    assert a_wrote.wait(30)
    decide(world, dossiers[1], vn(2026, 3, 3, 9, 0))  # writer B: higher ids, committed first
    compact()  # B's rows wait behind A, which is still running
    assert _march(world) == (2, 1, 1)
    a_may_commit.set()
    thread.join(30)
    assert errors == []
    compact()
    assert not journal.unfolded_rows().exists()
    assert _march(world) == (2, 2, 0)  # A's rows counted, once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_open_transaction_in_another_database_does_not_hold_the_fold_back(committed_world):
    """The horizon is the oldest transaction running in this database: one left open in another database of the
    same server (another application, another test run) does not keep this journal from being folded."""
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname="postgres"
    )
    try:
        other.execute("SELECT pg_current_xact_id()")  # an xid, older than the rows below, in a transaction left open
        intake(committed_world, vn(2026, 3, 2, 9, 0))  # its commit schedules a compaction (inline in the tests)
        compact()
        assert Delta.objects.exists()
        assert not journal.unfolded_rows().exists()
    finally:
        other.rollback()
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_over_a_partly_folded_journal_changes_no_reading(committed_world):
    """Given some journal rows folded and some not, the rebuild recounts everything and takes the unfolded rows
    back out of the totals (readers add them); folding them afterwards changes nothing either."""
    world = committed_world
    made = [intake(world, vn(2026, 3, 2, 9, n)) for n in range(3)]
    for dossier in made:
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    compact()
    decide(world, made[0], vn(2026, 3, 3, 9, 0))
    intake(world, vn(2026, 3, 5, 9, 0))
    assert journal.unfolded_rows().exists()
    before = _march(world)
    assert before == (4, 1, 3)
    with clock.frozen(vn(2026, 3, 6, 9, 0)):
        assert recount_all() == 4
    assert _march(world) == before
    compact()
    assert not journal.unfolded_rows().exists()
    assert _march(world) == before
