"""Each dossier's history is a hash chain, written by every path that records events, and `motcua audit verify`
names the first broken link when someone who can get past the database's guard (its owner) edits, deletes or
reorders events."""

# ruff: noqa: S608 - the statements are the attacks: table names from the model, values as parameters

import contextlib
import datetime as dt
import hashlib
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from motcua.core import appendonly, clock
from motcua.dossiers.audit import chain
from motcua.dossiers.audit.verify import verify
from motcua.dossiers.documents import services as forms
from motcua.dossiers.models import Dossier, DossierEvent, StepStatus
from motcua.dossiers.services import intake as intake_services
from motcua.dossiers.services import processing, reception, results
from motcua.dossiers.tests.factories import PDF, settle_fees, vn

TABLE = DossierEvent._meta.db_table


def intake(world, at=None):
    with clock.frozen(at or vn(2026, 3, 2, 9, 0)):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def returned(world, at=None):
    """A dossier taken through its whole life at the desk, with a receipt printed on the way: 10 events."""
    dossier = intake(world, at)
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        forms.form_print(actor=world.desk, dossier_id=dossier.pk, number="01")
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
        results.dossier_attach_result(
            actor=world.specialist, dossier_id=dossier.pk, title="Kết quả", file_name="kq.pdf", content=PDF
        )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
        settle_fees(world.desk, dossier.pk)
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    return dossier


@contextlib.contextmanager
def as_the_tables_owner():
    """What only the owner of the tables (or a superuser) can do: statements the append-only guard lets through.
    PostgreSQL: triggers off for the transaction; SQLite: the triggers dropped and created again."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            for sql in appendonly.uninstall_sql("sqlite", TABLE):
                cursor.execute(sql)
        yield cursor
        if connection.vendor == "sqlite":
            for sql in appendonly.install_sql("sqlite", TABLE):
                cursor.execute(sql)


def event(dossier, seq):
    return DossierEvent.objects.get(dossier=dossier, seq=seq)


def run_verify(*args):
    """`motcua audit verify` in-process: (exit status, output)."""
    out = io.StringIO()
    try:
        call_command("audit_verify", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


# ---- the chain ------------------------------------------------------------------------------------------------


def test_the_hash_of_an_event_is_fixed_by_its_content_and_its_link():
    # given the documented canonical form (scheme 1); a change of this value breaks every stored chain
    digest = chain.content_hash(
        dossier_id=7, seq=1, at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.VN_TZ), actor_id=None, action="create",
        from_state="", to_state="draft", reason="Nộp tại quầy",
        payload={"version": 1, "channel": 1, "procedure": "1.001"}, prev_hash=chain.GENESIS,
    )  # fmt: skip
    assert digest == "7d9f822035dfbb19901b257e1fea04fbabf6998f44b6f4fbf6a435da8d8ba869"
    text = (
        '[1,7,1,"2026-03-02T02:00:00.000000Z",null,"create","","draft","Nộp tại quầy",'
        '{"channel":1,"procedure":"1.001","version":1},"' + "0" * 64 + '"]'
    )
    assert digest == hashlib.sha256(text.encode()).hexdigest()


def test_every_path_that_records_events_links_them_in_order(world):
    # given a counter intake, a print, the processing and the return; and an online dossier received at the desk
    dossier = returned(world)
    with clock.frozen(vn(2026, 3, 2, 8, 0)):
        online = intake_services.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre,
        )  # fmt: skip
        intake_services.dossier_put_components(actor=world.citizen_user, dossier_id=online.pk, items=world.components())
        intake_services.dossier_submit(actor=world.citizen_user, dossier_id=online.pk)
        reception.dossier_receive(actor=world.desk, dossier_id=online.pk)
    for each, actions in (
        (dossier, ["create", "submit", "receive", "print_form", "transfer", "handover", "decide", "attach_result",
                   "send_to_desk", "record_payment", "return_result"]),
        (online, ["create", "submit", "receive"]),
    ):  # fmt: skip
        events = list(each.events.order_by("seq"))
        assert [e.action for e in events] == actions
        assert [e.seq for e in events] == list(range(1, len(actions) + 1))
        assert [e.prev_hash for e in events] == [chain.GENESIS] + [e.hash for e in events[:-1]]
        assert all(chain.event_hash(e) == e.hash for e in events)
    report = verify()
    assert (report.ok, report.dossiers, report.events) == (True, 2, 14)


def test_a_payload_is_hashed_as_the_database_gives_it_back(world):
    # floats PostgreSQL's jsonb rewrites, integer keys and tuples JSON turns into strings and lists
    dossier = intake(world)
    payload = {"big": 1e20, "odd": 1.2345678901234567e20, "neg": -0.0, "small": 1e-7, 3: (1, 2), "s": "e+ -0.0 ơ"}
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        note = DossierEvent(dossier=dossier, action="note", to_state="received", payload=payload)
        chain.record(dossier.pk, [note])
    assert verify().ok


def test_an_append_that_raced_past_the_lock_fails_instead_of_forking_the_chain(world):
    dossier = intake(world)
    stale_head = chain.Head(2, event(dossier, 2).hash)  # what a writer that read the head early would have
    late = DossierEvent(dossier=dossier, action="note", from_state="received", to_state="received")
    chain.chain([late], stale_head)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierEvent.objects.bulk_create([late])
    assert verify().ok


def test_the_backfill_chains_existing_events_in_the_order_they_happened(world):
    # given events written before the chain existed (no number, no hash), one of them recorded out of order
    first, second = intake(world), intake(world, vn(2026, 3, 2, 10, 0))
    with as_the_tables_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET seq = 1000 + id, prev_hash = '', hash = ''")
        cursor.execute(f"UPDATE {TABLE} SET at = %s WHERE dossier_id = %s AND action = 'create'",
                       [connection.ops.adapt_datetimefield_value(vn(2026, 3, 2, 9, 30)), first.pk])  # fmt: skip
        backfill = importlib.import_module("motcua.dossiers.migrations.0006_event_chain_backfill").backfill
        backfill(django_apps, SimpleNamespace(connection=connection))  # what the migration runs
    # then each dossier is numbered from 1 in (at, id) order and verifies
    assert [e.action for e in first.events.order_by("seq")] == ["submit", "receive", "create"]
    assert [e.seq for e in second.events.order_by("seq")] == [1, 2, 3]
    # (the first dossier's history now ends on "create": the verifier sees it no longer leads to "received")
    report = verify()
    assert [(b.dossier_id, b.kind) for b in report.breaks] == [(first.pk, "truncated")]


# ---- what verify finds ----------------------------------------------------------------------------------------


def test_an_intact_history_passes(world):
    returned(world)
    intake(world, vn(2026, 3, 4, 9, 0))
    status, out = run_verify()
    assert status == 0
    assert "Checked 2 dossiers and 14 events" in out and "0 broken" in out
    assert "Heads digest: " in out


def test_an_edited_event_is_named(world):
    dossier, other = returned(world), intake(world)
    target = event(dossier, 7)  # the decision
    with as_the_tables_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reason = 'Không đủ điều kiện' WHERE id = %s", [target.pk])
    status, out = run_verify()
    assert status == 1
    assert f"BROKEN dossier {dossier.code} (id {dossier.pk}): event #7 (id {target.pk}): edited" in out
    assert other.code not in out
    assert "1 broken" in out


def test_an_edited_moment_is_named(world):
    dossier = returned(world)
    target = event(dossier, 7)
    with as_the_tables_owner() as cursor:  # the decision moved a day earlier, to look on time
        moved = connection.ops.adapt_datetimefield_value(target.at - dt.timedelta(days=1))
        cursor.execute(f"UPDATE {TABLE} SET at = %s WHERE id = %s", [moved, target.pk])
    (found,) = verify().breaks
    assert (found.kind, found.seq, found.event_id) == ("edited", 7, target.pk)


def test_a_deleted_event_is_named(world):
    dossier = returned(world)
    with as_the_tables_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE dossier_id = %s AND seq = 5", [dossier.pk])
    (found,) = verify().breaks
    assert (found.dossier, found.kind, found.seq) == (dossier.code, "missing", 6)
    assert "event #5 is missing" in found.detail


def test_deleted_last_events_are_named(world):
    dossier = returned(world)
    with as_the_tables_owner() as cursor:  # the return of the result, gone
        cursor.execute(f"DELETE FROM {TABLE} WHERE dossier_id = %s AND seq = 11", [dossier.pk])
    (found,) = verify().breaks
    assert (found.kind, found.seq) == ("truncated", 10)


def test_a_dossier_whose_history_was_deleted_is_named(world):
    dossier = intake(world)
    with as_the_tables_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE dossier_id = %s", [dossier.pk])
    (found,) = verify().breaks
    assert (found.dossier_id, found.kind, found.event_id) == (dossier.pk, "no_history", None)


def test_swapped_numbers_are_named_as_a_reorder(world):
    dossier = returned(world)
    four, five = event(dossier, 4), event(dossier, 5)
    with as_the_tables_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET seq = 0 WHERE id = %s", [four.pk])
        cursor.execute(f"UPDATE {TABLE} SET seq = 4 WHERE id = %s", [five.pk])
        cursor.execute(f"UPDATE {TABLE} SET seq = 5 WHERE id = %s", [four.pk])
    (found,) = verify().breaks
    assert (found.kind, found.seq, found.event_id) == ("reordered", 4, five.pk)
    assert "recorded as event #5" in found.detail


def test_swapped_contents_are_named_as_a_reorder(world):
    dossier = returned(world)
    decide, attach = event(dossier, 7), event(dossier, 8)
    columns = ("at", "actor_id", "action", "from_state", "to_state", "reason", "payload")
    with as_the_tables_owner() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {TABLE} WHERE id IN (%s, %s) ORDER BY seq",
                       [decide.pk, attach.pk])  # fmt: skip
        seven, eight = cursor.fetchall()
        assignments = ", ".join(f"{c} = %s" for c in columns)
        cursor.execute(f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*eight, decide.pk])
        cursor.execute(f"UPDATE {TABLE} SET {assignments} WHERE id = %s", [*seven, attach.pk])
    (found,) = verify().breaks
    assert (found.kind, found.seq) == ("reordered", 7)
    assert "recorded as event #8" in found.detail


def test_a_cut_and_rejoined_chain_is_named(world):
    # an event deleted, the next one renumbered and rehashed over its old link: its own hash holds, the link not
    dossier = returned(world)
    six = event(dossier, 6)
    with as_the_tables_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [event(dossier, 5).pk])
        six.seq = 5
        cursor.execute(f"UPDATE {TABLE} SET seq = 5, hash = %s WHERE id = %s", [chain.event_hash(six), six.pk])
    (found,) = verify().breaks
    assert (found.kind, found.seq, found.event_id) == ("link", 5, six.pk)


def test_agency_restricts_the_check_to_its_dossiers(world):
    dossier = returned(world)
    with as_the_tables_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reason = 'x' WHERE id = %s", [event(dossier, 3).pk])
    # received at the centre, handled by the justice department: both subtrees see it, a ward does not
    assert run_verify("--agency", world.city.justice.code)[0] == 1
    assert run_verify("--agency", world.city.centre.code)[0] == 1
    assert run_verify("--agency", world.city.province.code)[0] == 1
    status, out = run_verify("--agency", world.city.wards[0].code)
    assert status == 0 and "Checked 0 dossiers" in out
    with pytest.raises(CommandError, match="No agency"):
        call_command("audit_verify", "--agency", "000.00.99.X99")


def test_motcua_audit_verify_is_the_command(world, monkeypatch):
    from motcua import cli

    returned(world)
    monkeypatch.setattr(cli, "_manage", lambda argv: call_command(*argv))
    cli.main(["audit", "verify"])
    with as_the_tables_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reason = 'x' WHERE seq = 2")
    with pytest.raises(CommandError):
        cli.main(["audit", "verify"])
