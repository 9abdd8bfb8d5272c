"""The one pipeline every change of a petition goes through: ``admit`` (lock, 403, 409 state, 409 version), then
``apply`` (state, version, deadline running now, the append-only event)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.core.rowlock import lock_row
from motcua.orgs import policy
from motcua.petitions import events
from motcua.petitions.models import Petition, PetitionEvent
from motcua.petitions.workflow import BACK, CLOCK_STATES, OPEN_STATES, TRANSITIONS, Edge, State, check_transition

#: What a petition merged into another may still do while open: its progress notes, and share the other's answer.
MERGED_VERBS = frozenset({"note_progress", "publish_merged"})


def lock(petition_id: int) -> Petition:
    """The petition row, locked until the end of the transaction."""
    return lock_row(
        Petition.objects.select_related("handling_agency"),
        petition_id,
        NotFound(_("No such petition."), code="petition_not_found"),
    )


def permit(actor: Actor | None, edge: Edge, petition: Petition) -> None:
    """``None`` is the system (an interface that has already checked the sender's token, a task); anyone else needs
    the edge's action on the petition by ``orgs.policy`` (a sender's action: the sender, or the desk for them)."""
    if actor is None:
        return
    if edge.desk_for_sender and policy.can(actor, policy.Action.RECEIVE, petition):
        return
    policy.require(actor, edge.action, petition)


def admit(
    petition_id: int, verb: str, actor: Actor | None, expected_version: int | None = None
) -> tuple[Petition, Edge]:
    """Lock the petition and admit ``actor``'s ``verb``: permission (403), state (409), version seen (409)."""
    petition = lock(petition_id)
    known = TRANSITIONS.get(verb)
    if known is not None:  # an unknown verb is refused by check_transition below
        permit(actor, known, petition)
    edge = check_transition(verb, petition.state)
    if petition.merged_into_id and petition.state in OPEN_STATES and verb not in MERGED_VERBS:
        raise Conflict(
            _("This petition was merged into %(code)s and is handled with it.")
            % {"code": petition.merged_into.code if petition.merged_into else ""},
            code="petition_merged",
        )
    if expected_version is not None and petition.version != expected_version:
        raise Conflict(
            _("The petition was changed by someone else (version %(now)d, you saw %(seen)d). Reload and try again.")
            % {"now": petition.version, "seen": expected_version},
            code="version_mismatch",
        )
    return petition, edge


def running_due(petition: Petition) -> dt.datetime | None:
    """The deadline that runs in the petition's state: the answer before it, publication after it; none while the
    clock is paused or the petition is done; none for a petition merged into another (its deadline runs there)."""
    if petition.merged_into_id:
        return None
    if petition.state in CLOCK_STATES:
        return petition.answer_due_at
    if petition.state in (State.ANSWERED, State.APPROVED):
        return petition.publish_due_at
    return None


def apply(
    petition: Petition,
    verb: str,
    edge: Edge,
    actor: Actor | None,
    *,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> PetitionEvent:
    """Follow ``edge``: the state, the version, the running deadline, saved with one new event (published to the
    subscribers of :data:`~motcua.petitions.events.events_written` in the same transaction)."""
    before = petition.state
    if edge.target == BACK:
        petition.state, petition.state_before_pause = petition.state_before_pause or State.RECEIVED, ""
    elif edge.target is not None:
        petition.state = edge.target
    petition.version += 1
    petition.due_at = running_due(petition)
    petition.save()
    event = PetitionEvent.objects.create(
        petition=petition,
        at=at or clock.now(),
        actor=user_of(actor),
        action=verb,
        from_state=before,
        to_state=petition.state,
        reason=reason,
        payload=payload or {},
    )
    events.publish(petition, [event])
    return event
