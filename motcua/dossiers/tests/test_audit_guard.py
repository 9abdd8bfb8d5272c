"""The audit trail cannot be edited: the database refuses UPDATE, DELETE and TRUNCATE of dossier events, through
the ORM and in plain SQL, on SQLite and on PostgreSQL; a dossier with a history cannot be deleted."""

# ruff: noqa: S608 - the statements are the attacks: table names from the model, values as parameters

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from motcua.core import appendonly
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.test_audit_chain import intake

TABLE = DossierEvent._meta.db_table


def test_every_migration_leaves_the_events_guarded(db):
    # a later migration that rebuilds the table on SQLite (to alter a column) would drop the triggers
    expected = {"UPDATE", "DELETE", "TRUNCATE"} if connection.vendor == "postgresql" else {"UPDATE", "DELETE"}
    assert appendonly.installed(connection, TABLE) == expected


def test_events_cannot_be_updated_through_the_orm(world):
    dossier = intake(world)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        DossierEvent.objects.filter(dossier=dossier, action="receive").update(reason="nothing happened")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        dossier.events.update(at=dossier.created_at.replace(year=2020))
    assert not DossierEvent.objects.filter(reason="nothing happened").exists()


def test_events_cannot_be_deleted_through_the_orm(world):
    dossier = intake(world)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        DossierEvent.objects.filter(dossier=dossier, action="receive").delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        dossier.events.all().delete()
    assert dossier.events.count() == 3


def test_a_dossier_with_a_history_cannot_be_deleted(world):
    dossier = intake(world)
    with pytest.raises(ProtectedError), transaction.atomic():
        dossier.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).delete()
    assert Dossier.objects.filter(pk=dossier.pk).exists()


@pytest.mark.parametrize(
    "statement",
    [
        f"UPDATE {TABLE} SET reason = 'edited'",
        f"UPDATE {TABLE} SET seq = seq + 100",
        f"DELETE FROM {TABLE}",
        f"DELETE FROM {TABLE} WHERE action = 'receive'",
        f"TRUNCATE {TABLE}",
        f"TRUNCATE {TABLE}, dossiers_dossier CASCADE",
    ],
    ids=["update", "renumber", "delete-all", "delete-one", "truncate", "truncate-cascade"],
)
def test_events_cannot_be_changed_in_plain_sql(world, statement):
    if statement.startswith("TRUNCATE") and connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (DELETE FROM is the case above)")
    dossier = intake(world)
    before = list(dossier.events.order_by("seq").values_list("id", "seq", "reason", "hash"))
    if connection.vendor == "postgresql":  # the test's own inserts leave deferred checks that TRUNCATE would refuse
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert list(dossier.events.order_by("seq").values_list("id", "seq", "reason", "hash")) == before


def test_a_saved_event_cannot_be_saved_again(world):
    event = intake(world).events.first()
    event.reason = "edited"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
