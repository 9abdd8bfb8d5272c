"""The petition state machine as data: states, the allowed transitions, who may take them and their basis.

``check_transition`` is the single enforcement point of the table; ``services.apply`` calls it under the row lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import Conflict
from motcua.orgs.policy import Action


class State(models.TextChoices):
    RECEIVED = "received", gettext_lazy("Received, to classify")
    REJECTED = "rejected", gettext_lazy("Not accepted")
    INFORMATION_REQUESTED = "information_requested", gettext_lazy("More information requested")
    FORWARDED = "forwarded", gettext_lazy("Forwarded")
    IN_PROGRESS = "in_progress", gettext_lazy("Being handled")
    ANSWERED = "answered", gettext_lazy("Answer drafted")
    APPROVED = "approved", gettext_lazy("Answer approved")
    PUBLISHED = "published", gettext_lazy("Answer published")
    CLOSED = "closed", gettext_lazy("Closed")


#: States in which the answer clock runs (an information request pauses it; the answer stops it).
CLOCK_STATES = frozenset({State.RECEIVED, State.FORWARDED, State.IN_PROGRESS})
#: States still waiting for the office (the progress note every 7 working days is owed in them).
OPEN_STATES = CLOCK_STATES | {State.INFORMATION_REQUESTED, State.ANSWERED, State.APPROVED}
TERMINAL = frozenset({State.REJECTED, State.CLOSED})

#: An edge whose target is ``BACK`` returns to the state the petition was in before the information request.
BACK = "back"


@dataclass(frozen=True)
class Edge:
    sources: frozenset[str]
    target: str | None  # None: the state does not change; BACK: the state before the pause
    action: Action
    #: The desk (reception right at the handling agency) may take this sender's action for them (hotline, paper).
    desk_for_sender: bool = False


def _edge(
    sources: set[str] | set[State] | frozenset[State],
    target: str | None,
    action: Action,
    *,
    desk_for_sender: bool = False,
) -> Edge:
    return Edge(frozenset(sources), target, action, desk_for_sender)


_BEFORE_ANSWER = {State.RECEIVED, State.FORWARDED, State.IN_PROGRESS}

TRANSITIONS: dict[str, Edge] = {
    # Classification (a): not accepted, with the reason given (NĐ 20/2008 art. 9; index: within 2 working days).
    "reject": _edge({State.RECEIVED, State.FORWARDED, State.INFORMATION_REQUESTED}, State.REJECTED, Action.RECEIVE),
    # The sender is asked for what is missing; the clock stops (index: the first request within 5 working days).
    "request_information": _edge(_BEFORE_ANSWER, State.INFORMATION_REQUESTED, Action.RECEIVE),
    # The sender answers (or the desk records their answer): back where it was, the clock runs again.
    "answer_information": _edge({State.INFORMATION_REQUESTED}, BACK, Action.APPLY, desk_for_sender=True),
    # Registration and classification (art. 9): the content type of art. 5, the track, the field, the procedure and
    # the agency concerned, corrected by the office while the petition is not yet answered.
    "classify": _edge(_BEFORE_ANSWER | {State.INFORMATION_REQUESTED}, None, Action.RECEIVE),
    # Assessment (art. 9): the handling agency asks another agency or body for its opinion, and records the reply.
    "consult": _edge({State.IN_PROGRESS}, None, Action.PROCESS),
    "record_opinion": _edge({State.IN_PROGRESS}, None, Action.PROCESS),
    # Classification (b), (d): about conduct, or outside competence → forward within 5 working days (art. 9);
    # the answer deadline restarts from the latest transfer (the 766 formula).
    "forward": _edge(_BEFORE_ANSWER, State.FORWARDED, Action.RECEIVE),
    # Classification (c): within competence → handle (art. 9).
    "start": _edge({State.RECEIVED, State.FORWARDED}, State.IN_PROGRESS, Action.RECEIVE),
    # A progress note to the sender every 7 days while open (TT 02/2017).
    "note_progress": _edge(
        {State.RECEIVED, State.FORWARDED, State.IN_PROGRESS, State.INFORMATION_REQUESTED}, None, Action.PROCESS
    ),
    # A specialist drafts the answer after assessing the petition against the criteria (art. 9).
    "draft_answer": _edge({State.IN_PROGRESS}, State.ANSWERED, Action.PROCESS),
    # The leader sends an off-topic answer back before publication (QĐ 31/2021 art. 46).
    "send_back": _edge({State.ANSWERED, State.APPROVED}, State.IN_PROGRESS, Action.SIGN),
    # The leader approves the answer (art. 9: decide).
    "approve": _edge({State.ANSWERED}, State.APPROVED, Action.SIGN),
    # The result is published on the portal within 2 working days of the answer (art. 9; QĐ 31/2021 art. 46).
    "publish": _edge({State.APPROVED}, State.PUBLISHED, Action.PROCESS),
    # Archive (art. 9): a published answer, or a petition forwarded to a body outside the system.
    "close": _edge({State.PUBLISHED, State.FORWARDED}, State.CLOSED, Action.PROCESS),
    # The sender rates the answer (the 766 formula: satisfied / acceptable / dissatisfied).
    "rate": _edge({State.PUBLISHED, State.CLOSED}, None, Action.APPLY, desk_for_sender=True),
    # Dissatisfied within 7 days: the petition is handled again (the 766 formula).
    "reopen": _edge({State.PUBLISHED, State.CLOSED}, State.IN_PROGRESS, Action.APPLY, desk_for_sender=True),
    # The sender petitions again about the same result: recorded on the earlier petition, which the index then
    # counts as dissatisfying (the 766 formula).
    "follow_up": _edge({State.PUBLISHED, State.CLOSED}, None, Action.APPLY, desk_for_sender=True),
    # Similar petitions (same place and field within days) are handled as one: this one waits for the other's
    # answer (QĐ 31/2021 art. 46: one published answer).
    "merge": _edge(_BEFORE_ANSWER | {State.INFORMATION_REQUESTED}, None, Action.RECEIVE),
    # The answer of the petition it was merged into is published: this one is answered and published with it.
    "publish_merged": _edge(OPEN_STATES, State.PUBLISHED, Action.PROCESS),
}


def check_transition(verb: str, state: str) -> Edge:
    """The edge of ``verb`` when it may leave ``state``; :class:`Conflict` (409) otherwise."""
    edge = TRANSITIONS.get(verb)
    if edge is None:
        raise Conflict(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    if state not in edge.sources:
        raise Conflict(
            _("This action is not allowed while the petition is “%(state)s”.") % {"state": State(state).label},
            code="invalid_transition",
        )
    return edge
