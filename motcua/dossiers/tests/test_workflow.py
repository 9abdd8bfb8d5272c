"""Table test over every edge of the transition table: allowed from its sources, refused from every other state."""

import pytest

from motcua.core.errors import Conflict
from motcua.dossiers.workflow import NATIONAL_STATUS, TERMINAL, TRANSITIONS, State, check_transition

CASES = [(verb, state) for verb in TRANSITIONS for state in State.values]


@pytest.mark.parametrize(("verb", "state"), CASES)
def test_every_edge_is_allowed_exactly_from_its_sources(verb, state):
    edge = TRANSITIONS[verb]
    if state in edge.sources:
        assert check_transition(verb, state) is edge
    else:
        with pytest.raises(Conflict) as caught:
            check_transition(verb, state)
        assert caught.value.code == "transition_not_allowed"


def test_terminal_states_have_no_way_out():
    for verb, edge in TRANSITIONS.items():
        assert not (edge.sources & TERMINAL), verb


def test_every_state_is_reachable_and_maps_to_a_national_status():
    targets = {edge.target for edge in TRANSITIONS.values() if edge.target}
    assert targets | {State.DRAFT} == set(State.values)
    assert set(NATIONAL_STATUS) == set(State.values)
    assert set(NATIONAL_STATUS.values()) <= set(range(1, 11))


def test_an_unknown_verb_is_a_clear_conflict():
    with pytest.raises(Conflict) as caught:
        check_transition("teleport", State.RECEIVED)
    assert caught.value.code == "unknown_action"
