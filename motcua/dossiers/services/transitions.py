"""The one transition pipeline: every change of a dossier's state goes through the workflow table here.

A service first :func:`admit`\\ s its verb on the locked dossier (permission 403, state 409, version 409, in that
order, before it reads its input), then :func:`apply`\\ s it: the state moves along the table's edge, the version
goes up, the event row is written as the next link of the dossier's hash chain, the portal is told of a new state
(outbox) and the event is published. Counter and postal intake, which create, submit and receive a dossier in one
round trip, walk the same table with :func:`apply_batch` (``save=False``) and insert the rows themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers import events
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.locks import check_seen_version, lock
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.common import queue_portal_status
from motcua.dossiers.workflow import ON_HANDLING, ON_RECEIVING, TRANSITIONS, Edge, check_transition
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, can, require


@dataclass(frozen=True)
class Transition:
    """One verb of a batch, with what its event row records."""

    verb: str
    reason: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


def permit(actor: Actor, verb: str, dossier: Dossier, *, agency_obj: Agency | None = None) -> Edge:
    """``actor`` may take ``verb`` on ``dossier``: the edge's action on what the edge names (the dossier, its desk,
    its handling agency; ``agency_obj`` for a step's agency), or the desk acting for the applicant where the edge
    allows it. Raises :class:`PermissionDenied` (403) otherwise."""
    edge = TRANSITIONS.get(verb)
    if edge is None:
        raise Conflict(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    if edge.desk_for_applicant and can(actor, Action.RECEIVE, dossier.receiving_agency):
        return edge
    if agency_obj is None:
        agency_obj = {ON_RECEIVING: dossier.receiving_agency, ON_HANDLING: dossier.handling_agency}.get(edge.on)
    require(actor, edge.action, agency_obj if agency_obj is not None else dossier)
    return edge


def admit(dossier_id: int, verb: str, actor: Actor, expected_version: int | None = None) -> Dossier:
    """Lock the dossier and admit ``actor``'s ``verb`` on it, in this order: permission (403), the state (409), the
    version seen (409). Every service calls it before it reads its input or writes anything, so someone without the
    right learns nothing from the answer and nothing is half-written when the action is not allowed."""
    dossier = lock(dossier_id)
    permit(actor, verb, dossier)
    check_transition(verb, dossier.state)
    check_seen_version(dossier, expected_version)
    return dossier


def _move(dossier: Dossier, edge: Edge, step: Transition, actor: Actor, at: dt.datetime) -> DossierEvent:
    """Follow ``edge``: the state (when the edge changes it), the version, and the event saying so."""
    before = dossier.state
    if edge.target is not None:
        dossier.state = edge.target
    dossier.version += 1
    return DossierEvent(
        dossier=dossier,
        at=at,
        actor=user_of(actor),
        action=step.verb,
        from_state=before,
        to_state=dossier.state,
        reason=step.reason,
        payload=step.payload,
    )


def _write(dossier: Dossier, moved: list[DossierEvent]) -> None:
    """Save the dossier with its new state, chain and insert the events, tell the portal of each new state, and
    publish the events once (after commit, through their listeners)."""
    dossier.save()
    audit.record(dossier.pk, moved)
    for event in moved:
        if event.to_state != event.from_state:
            queue_portal_status(dossier, event)
    events.publish(dossier, moved)


def apply(
    dossier: Dossier,
    verb: str,
    actor: Actor,
    *,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    agency_obj: Agency | None = None,
    at: dt.datetime | None = None,
) -> DossierEvent:
    """Take ``verb``, which :func:`admit` has checked on this locked dossier: move the state, bump the version,
    write the event. A step action names the step's agency as ``agency_obj``: the actor's right on that agency is
    checked here, once the service has read the step.

    The caller has set the other fields on ``dossier``; they are saved here with the state.
    """
    if agency_obj is not None:
        permit(actor, verb, dossier, agency_obj=agency_obj)
    event = _move(dossier, TRANSITIONS[verb], Transition(verb, reason, payload or {}), actor, at or clock.now())
    _write(dossier, [event])
    return event


def apply_batch(
    dossier: Dossier, steps: Sequence[Transition], actor: Actor, *, at: dt.datetime | None = None, save: bool = True
) -> list[DossierEvent]:
    """Take several verbs in a row at one moment, each checked against the table from the state the previous one
    left (409) and against the actor's right (403). With ``save=False`` nothing is written: the caller (desk intake,
    which inserts a new dossier and all its rows in one round trip) chains and inserts the returned events itself.
    """
    moment = at or clock.now()
    moved = []
    for step in steps:
        edge = check_transition(step.verb, dossier.state)
        permit(actor, step.verb, dossier)
        moved.append(_move(dossier, edge, step, actor, moment))
    if save:
        _write(dossier, moved)
    return moved
