"""The one transition pipeline: a batch of verbs writes what the same verbs taken one by one write, desk intake goes
through it, and the online path checks each verb against the table once."""

from typing import Any

import pytest
from django.db import transaction

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.audit.verify import verify
from motcua.dossiers.locks import lock
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.services import intake, reception, transitions
from motcua.dossiers.services.transitions import Transition, admit, apply, apply_batch
from motcua.dossiers.tests.factories import vn
from motcua.integrations.handlers import TOPIC_EMAIL, TOPIC_PORTAL
from motcua.integrations.models import OutboxMessage

STEPS = [Transition("submit", reason="Handed in"), Transition("receive", payload={"register_no": 7})]


def _counter_draft(world: Any) -> Dossier:
    dossier = intake.dossier_create(
        actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
        receiving_agency=world.city.centre, channel=Channel.COUNTER,
    )  # fmt: skip
    intake.dossier_put_components(actor=world.desk, dossier_id=dossier.pk, items=world.components())
    return Dossier.objects.get(pk=dossier.pk)


def _written(dossier_id: int) -> tuple[Any, ...]:
    dossier = Dossier.objects.get(pk=dossier_id)
    events = [
        (e.seq, e.at, e.actor_id, e.action, e.from_state, e.to_state, e.reason, e.payload)
        for e in dossier.events.order_by("seq")
    ]
    portal = OutboxMessage.objects.filter(topic=TOPIC_PORTAL, key=dossier.code or dossier.reference)
    return dossier.state, dossier.version, events, portal.count()


def test_a_batch_writes_the_rows_of_the_same_verbs_taken_one_by_one(world):
    # Given two identical counter drafts
    with clock.frozen(vn(2026, 3, 2, 8, 30)):
        batch, one_by_one = _counter_draft(world), _counter_draft(world)
    # When one is submitted and received in a batch, the other verb by verb, at the same moment
    with clock.frozen(vn(2026, 3, 2, 9, 0)), transaction.atomic():
        apply_batch(lock(batch.pk), STEPS, world.desk)
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        for step in STEPS:
            with transaction.atomic():
                dossier = admit(one_by_one.pk, step.verb, world.desk)
                apply(dossier, step.verb, world.desk, reason=step.reason, payload=step.payload)
    # Then the same state, version, events (each a link of the chain) and portal messages were written
    assert _written(batch.pk) == _written(one_by_one.pk)
    state, version, events, portal = _written(batch.pk)
    assert (state, version, portal) == ("received", 4, 2)  # created at 1, a component put, two moves
    assert [e[3] for e in events] == ["create", "submit", "receive"]
    assert not verify().breaks


def test_a_batch_follows_the_table_from_the_state_the_previous_verb_left(world):
    dossier = _counter_draft(world)
    with transaction.atomic(), pytest.raises(Conflict) as refused:
        apply_batch(lock(dossier.pk), [Transition("receive")], world.desk)
    assert refused.value.code == "transition_not_allowed"
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_desk_intake_is_create_submit_receive_through_the_table(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
    state, version, events, portal = _written(dossier.pk)
    assert (state, version, portal) == ("received", 3, 1)
    assert [(e[0], e[3], e[4], e[5]) for e in events] == [
        (1, "create", "", "draft"),
        (2, "submit", "draft", "submitted"),
        (3, "receive", "submitted", "received"),
    ]
    assert events[2][7] == {"code": dossier.code, "register_no": dossier.register_no}
    assert OutboxMessage.objects.filter(topic=TOPIC_EMAIL).count() == 1
    assert not verify().breaks


def test_the_online_path_checks_each_verb_against_the_table_once(world, monkeypatch):
    dossier = _counter_draft(world)
    checked: list[str] = []
    real = transitions.check_transition

    def counting(verb: str, state: str) -> Any:
        checked.append(verb)
        return real(verb, state)

    monkeypatch.setattr(transitions, "check_transition", counting)
    intake.dossier_submit(actor=world.desk, dossier_id=dossier.pk)
    assert checked == ["submit"]
