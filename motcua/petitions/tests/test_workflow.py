"""The table over every edge: allowed exactly from its sources, refused (409) from every other state; the services
refuse wrong states, stale versions and actors without the edge's right."""

import pytest

from motcua.core.errors import Conflict, PermissionDenied
from motcua.orgs.policy import Action
from motcua.petitions import services
from motcua.petitions.models import Petition
from motcua.petitions.tests.factories import Staff, receive
from motcua.petitions.workflow import BACK, TRANSITIONS, State, check_transition

EDGES = [(verb, state) for verb in TRANSITIONS for state in State.values]


@pytest.mark.parametrize(("verb", "state"), EDGES)
def test_every_edge_is_allowed_exactly_from_its_sources(verb, state):
    edge = TRANSITIONS[verb]
    if state in edge.sources:
        assert check_transition(verb, state) is edge
    else:
        with pytest.raises(Conflict) as caught:
            check_transition(verb, state)
        assert caught.value.code == "invalid_transition"


def test_an_unknown_verb_is_a_conflict():
    with pytest.raises(Conflict):
        check_transition("escalate", State.RECEIVED)


def test_every_target_is_a_state_and_terminal_states_lead_nowhere_but_reopen_and_rate():
    for verb, edge in TRANSITIONS.items():
        assert edge.target in (None, BACK, *State.values), verb
        if State.REJECTED in edge.sources:
            pytest.fail(f"{verb} leaves a rejected petition")
    from_closed = {verb for verb, edge in TRANSITIONS.items() if State.CLOSED in edge.sources}
    assert from_closed == {"rate", "reopen", "follow_up"}
    assert TRANSITIONS["approve"].action == Action.SIGN
    assert TRANSITIONS["draft_answer"].action == Action.PROCESS


def test_a_service_refuses_a_wrong_state_with_409_and_writes_nothing(city):
    petition = receive(city)
    with pytest.raises(Conflict) as caught:
        services.petition_approve(actor=None, petition_id=petition.pk)
    assert caught.value.status == 409
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.state, fresh.version, fresh.events.count()) == (State.RECEIVED, 1, 1)


def test_a_stale_version_is_a_conflict(city):
    petition = receive(city)
    services.petition_start(actor=None, petition_id=petition.pk, version=1)
    with pytest.raises(Conflict) as caught:
        services.petition_note_progress(actor=None, petition_id=petition.pk, note="Đang xác minh", version=1)
    assert caught.value.code == "version_mismatch"


def test_each_edge_needs_its_right_by_the_policy(city):
    people = Staff(city)
    petition = receive(city)
    with pytest.raises(PermissionDenied):
        services.petition_start(actor=people.specialist, petition_id=petition.pk)
    with pytest.raises(PermissionDenied):
        services.petition_start(actor=people.ward_desk, petition_id=petition.pk)
    services.petition_start(actor=people.desk, petition_id=petition.pk)
    services.petition_draft_answer(actor=people.specialist, petition_id=petition.pk, answer="Đã sửa quy định.")
    with pytest.raises(PermissionDenied):
        services.petition_approve(actor=people.specialist, petition_id=petition.pk)
    services.petition_approve(actor=people.leader, petition_id=petition.pk)
    assert Petition.objects.get(pk=petition.pk).state == State.APPROVED


def test_the_sender_or_the_desk_for_them_answers_an_information_request(city):
    from motcua.accounts.models import User

    people = Staff(city)
    sender = User.objects.create(username="binh", full_name="Trần Thị Bình")
    other = User.objects.create(username="an", full_name="Nguyễn Văn An")
    mine, by_phone = receive(city, actor=sender), receive(city)
    assert mine.sender_user == sender
    for petition in (mine, by_phone):
        services.petition_request_information(actor=people.desk, petition_id=petition.pk, what="Địa chỉ cụ thể?")
    with pytest.raises(PermissionDenied):
        services.petition_answer_information(actor=other, petition_id=mine.pk, information="?")
    with pytest.raises(PermissionDenied):
        services.petition_answer_information(actor=people.specialist, petition_id=mine.pk, information="?")
    services.petition_answer_information(actor=sender, petition_id=mine.pk, information="Số 12 Hàng Bạc")
    services.petition_answer_information(actor=people.desk, petition_id=by_phone.pk, information="Số 14 Hàng Bạc")
    states = set(Petition.objects.values_list("state", flat=True))
    assert states == {State.RECEIVED}


def test_the_right_is_checked_before_the_state_and_the_version(city):
    """As for dossiers: someone without the right learns nothing about the petition's state (403, not 409)."""
    people = Staff(city)
    petition = receive(city)
    with pytest.raises(PermissionDenied):  # approving a received petition: wrong state too, but 403 first
        services.petition_approve(actor=people.specialist, petition_id=petition.pk)
    with pytest.raises(Conflict):  # the leader has the right: now the state speaks
        services.petition_approve(actor=people.leader, petition_id=petition.pk)
