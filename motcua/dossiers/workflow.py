"""The dossier state machine as data: states, the allowed transitions and who may take them.

Each edge names the action of the access policy the actor needs and cites its basis. ``check_transition`` is
the single enforcement point; services call it before writing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import Conflict
from motcua.orgs.policy import Action


class State(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted, waiting for reception")
    NEEDS_SUPPLEMENT = "needs_supplement", gettext_lazy("Supplement requested")
    REFUSED = "refused", gettext_lazy("Refused at reception")
    RECEIVED = "received", gettext_lazy("Received")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    PAUSED = "paused", gettext_lazy("Paused")
    DECIDED = "decided", gettext_lazy("Decided")
    RESULT_READY = "result_ready", gettext_lazy("Result ready at the desk")
    RETURNED = "returned", gettext_lazy("Result returned")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")
    STOPPED = "stopped", gettext_lazy("Stopped at the applicant's request")


TERMINAL = frozenset({State.REFUSED, State.RETURNED, State.WITHDRAWN, State.STOPPED})
#: States in which the legal clock runs or is paused (between reception and the decision).
OPEN_AFTER_RECEPTION = frozenset({State.RECEIVED, State.IN_PROGRESS, State.PAUSED, State.DECIDED, State.RESULT_READY})
#: States in which the appointment is a promise still to keep: the clock runs and no result is at the desk yet.
AWAITING_RESULT = OPEN_AFTER_RECEPTION - {State.PAUSED, State.RESULT_READY}
#: States before the end of processing, with the legal clock running or paused: the dossier is judged against its
#: due moment (a pause moves the due moment at resumption), so it can still become late. In this order everywhere
#: it is a SQL ``IN`` list (the partial index ``dossier_open_due_idx`` is written on the same three states).
CLOCK_STATES: tuple[State, ...] = (State.RECEIVED, State.IN_PROGRESS, State.PAUSED)

#: National dossier status codes (TrangThaiHoSo, RULES §14) for each state.
NATIONAL_STATUS: dict[str, int] = {
    State.DRAFT: 1,
    State.SUBMITTED: 1,
    State.NEEDS_SUPPLEMENT: 5,
    State.REFUSED: 3,
    State.RECEIVED: 2,
    State.IN_PROGRESS: 4,
    State.PAUSED: 4,  # 5 or 6 by the pause reason, see services._national_status
    State.DECIDED: 9,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
}


#: What an edge's action is checked on: the dossier (any of its agencies), the desk that received it, the agency
#: that handles it, or the step acted on (its agency; the dossier first, before the step is looked up).
ON_DOSSIER, ON_RECEIVING, ON_HANDLING, ON_STEP = "dossier", "receiving", "handling", "step"


@dataclass(frozen=True)
class Edge:
    sources: frozenset[str]
    target: str | None  # None: the state does not change (an action within a state)
    action: Action
    on: str = ON_DOSSIER
    #: The desk may take this applicant's action on their behalf (a counter or postal dossier).
    desk_for_applicant: bool = False


def _edge(
    sources: set[str], target: str | None, action: Action, on: str = ON_DOSSIER, *, desk_for_applicant: bool = False
) -> Edge:
    return Edge(frozenset(sources), target, action, on, desk_for_applicant)


TRANSITIONS: dict[str, Edge] = {
    # Online: the applicant hands in a prepared dossier (NĐ 61/2018 art. 9, 11).
    "submit": _edge({State.DRAFT}, State.SUBMITTED, Action.APPLY, desk_for_applicant=True),
    # Reception outcome 1: complete → receipt and appointment, form 01 (NĐ 61 art. 19.1.c).
    "receive": _edge({State.SUBMITTED}, State.RECEIVED, Action.RECEIVE, ON_RECEIVING),
    # Reception outcome 2: incomplete → everything missing listed at once, form 02 (art. 19.1.b).
    "request_supplement": _edge({State.SUBMITTED}, State.NEEDS_SUPPLEMENT, Action.RECEIVE),
    # The applicant completes the dossier and hands it in again (online, or the desk on their behalf).
    "supplement": _edge({State.NEEDS_SUPPLEMENT}, State.SUBMITTED, Action.APPLY, desk_for_applicant=True),
    # Reception outcome 3: outside competence or not acceptable → refusal with the reason, form 03 (art. 19.1.a).
    "refuse": _edge({State.SUBMITTED, State.NEEDS_SUPPLEMENT}, State.REFUSED, Action.RECEIVE),
    # Before reception the applicant may withdraw (art. 18).
    "withdraw": _edge({State.DRAFT, State.SUBMITTED, State.NEEDS_SUPPLEMENT}, State.WITHDRAWN, Action.APPLY),
    # The desk transfers the dossier to the handling unit: same day, or next morning after 15:00 (art. 20).
    "transfer": _edge({State.RECEIVED}, State.IN_PROGRESS, Action.RECEIVE),
    # The head of the handling unit assigns or reassigns a handler (art. 21.1).
    "assign": _edge({State.RECEIVED, State.IN_PROGRESS, State.PAUSED}, None, Action.ASSIGN, ON_STEP),
    # Appraisal, verification and site-visit notes (art. 21.2).
    "note": _edge({State.IN_PROGRESS, State.PAUSED}, None, Action.PROCESS, ON_STEP),
    # A step is done and handed over to the next (control sheet, form 05, art. 21).
    "handover": _edge({State.IN_PROGRESS}, None, Action.PROCESS, ON_STEP),
    # Consultation of another body with content and deadline (art. 21.3).
    "consult": _edge({State.IN_PROGRESS}, None, Action.PROCESS),
    # The clock stops: waiting for the applicant, a financial obligation, or a supplement after appraisal.
    "pause": _edge({State.IN_PROGRESS}, State.PAUSED, Action.PROCESS),
    "resume": _edge({State.PAUSED}, State.IN_PROGRESS, Action.PROCESS),
    # The applicant answers a pause that waits for their documents (online, or the desk for them): the documents
    # are added and the clock restarts as on "resume" (after appraisal the limit restarts from zero, RULES §6).
    "answer_pause": _edge({State.PAUSED}, State.IN_PROGRESS, Action.APPLY, desk_for_applicant=True),
    # Decision: approve, or refuse after appraisal within the limit; signed by a leader (art. 21.4, 21.5).
    "decide": _edge({State.IN_PROGRESS}, State.DECIDED, Action.SIGN, ON_HANDLING),
    # The digitised result documents are attached.
    "attach_result": _edge({State.DECIDED}, None, Action.PROCESS, ON_HANDLING),
    # The handling agency sends the result back to the desk (art. 21.6).
    "send_to_desk": _edge({State.DECIDED}, State.RESULT_READY, Action.PROCESS, ON_HANDLING),
    # Return to the applicant at the desk, by post or online; early return allowed with notice (art. 22, 23).
    "return_result": _edge({State.RESULT_READY}, State.RETURNED, Action.RECEIVE, ON_RECEIVING),
    # Late: apology and new appointment signed by the head of the handling agency, at most once (art. 21.7).
    "apologise": _edge(set(OPEN_AFTER_RECEPTION), None, Action.SIGN, ON_HANDLING),
    # Stop at the applicant's request after reception (TT 03/2025 form 05 "Thông báo dừng giải quyết").
    "stop": _edge({State.RECEIVED, State.IN_PROGRESS, State.PAUSED}, State.STOPPED, Action.RECEIVE),
    # Fees paid at the desk, by post or online; recorded in any open state after submission.
    "record_payment": _edge({State.SUBMITTED, State.NEEDS_SUPPLEMENT, *OPEN_AFTER_RECEPTION}, None, Action.RECEIVE),
    # The fees are waived or the applicant is exempt: recorded with its ground, so the result may be returned.
    "exempt_fees": _edge({State.SUBMITTED, State.NEEDS_SUPPLEMENT, *OPEN_AFTER_RECEPTION}, None, Action.RECEIVE),
}


def check_transition(verb: str, state: str) -> Edge:
    """The edge for ``verb`` from ``state``, or a :class:`Conflict` saying why it is not allowed."""
    edge = TRANSITIONS.get(verb)
    if edge is None:
        raise Conflict(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    if state not in edge.sources:
        raise Conflict(
            _("“%(verb)s” is not allowed while the dossier is “%(state)s”.")
            % {"verb": verb, "state": State(state).label},
            code="transition_not_allowed",
        )
    return edge
