"""Which dossier events the applicant sees, and how (issue 13 §8).

Every event kind is declared here once: its label on the citizen's pages (and on the staff pages, where that
differs), whether the applicant sees it, and
whether its free text was written *to* the applicant (a request to supplement, a refusal, an apology, a pause
notice) and may be shown. Staff notes (appraisal notes, hand-over notes, consultations, assignments) and the
``print_form`` records stay on the staff side. A kind missing from the table is not shown: a new kind is private
until someone declares it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import DossierEvent, PauseReason
from motcua.dossiers.workflow import State


@dataclass(frozen=True)
class EventKind:
    label: Promise
    #: The applicant sees the event on the portal and on the public tracking page.
    applicant_sees: bool
    #: Its ``reason`` was addressed to the applicant (and sent to them): the portal may show it.
    reason_for_applicant: bool = False
    #: What staff pages and the admin call it, when it differs from the citizen's label.
    staff: Promise | None = None

    @property
    def staff_label(self) -> Promise:
        return self.staff if self.staff is not None else self.label


EVENT_KINDS: dict[str, EventKind] = {
    "create": EventKind(_("Dossier created"), True, staff=_("Created")),
    "submit": EventKind(_("Dossier submitted"), True, staff=_("Submitted")),
    "receive": EventKind(_("Received; receipt and appointment issued"), True),
    "request_supplement": EventKind(
        _("The desk asked for a supplement"), True, reason_for_applicant=True, staff=_("Supplement requested")
    ),
    "supplement": EventKind(_("Supplement handed in"), True, staff=_("Supplemented by the applicant")),
    "refuse": EventKind(
        _("Not accepted at reception"), True, reason_for_applicant=True, staff=_("Refused at reception")
    ),
    "withdraw": EventKind(_("Withdrawn"), True, reason_for_applicant=True),
    "transfer": EventKind(_("Sent to the handling agency"), True, staff=_("Transferred for processing")),
    "assign": EventKind(_("Handler assigned"), False),
    "note": EventKind(_("Appraisal note"), False),
    "handover": EventKind(_("Step handed over"), False),
    "consult": EventKind(_("Consultation sent"), False),
    "pause": EventKind(_("Processing paused"), True, reason_for_applicant=True, staff=_("Paused")),
    "resume": EventKind(_("Processing resumed"), True, staff=_("Resumed")),
    "answer_pause": EventKind(_("Documents sent by the applicant; processing resumed"), True),
    "decide": EventKind(_("Decided"), True, reason_for_applicant=True, staff=_("Decided and signed")),
    "attach_result": EventKind(_("Result document attached"), False),
    "send_to_desk": EventKind(_("Result ready at the desk"), True, staff=_("Result sent to the desk")),
    "return_result": EventKind(_("Result returned"), True),
    "apologise": EventKind(_("Apology and new appointment"), True, reason_for_applicant=True),
    "stop": EventKind(
        _("Processing stopped at the applicant's request"), True, reason_for_applicant=True, staff=_("Stopped")
    ),
    "record_payment": EventKind(_("Fee payment recorded"), True, staff=_("Payment recorded")),
    "exempt_fees": EventKind(_("Fee exemption recorded"), True),
    "print_form": EventKind(_("Form printed"), False),
    "tracking_unlock": EventKind(_("Tracking by check digits reopened"), False),
}


def applicant_sees(action: str) -> bool:
    kind = EVENT_KINDS.get(action)
    return kind is not None and kind.applicant_sees


@dataclass(frozen=True)
class ApplicantEvent:
    """One line of the citizen's timeline."""

    at: dt.datetime
    action: str
    label: Promise
    state_label: Any  # the state entered, or None when the state did not change
    text: str  # what was written to the applicant, "" otherwise
    new_appointment: dt.datetime | None  # an apology's new appointment


def _text(event: DossierEvent, kind: EventKind) -> str:
    if not kind.reason_for_applicant:
        return ""
    if event.action == "decide" and (event.payload or {}).get("outcome") != "refused":
        return ""
    if event.action == "pause":
        reason = (event.payload or {}).get("reason", "")
        label = str(PauseReason(reason).label) if reason in PauseReason.values else ""
        return " — ".join(t for t in (label, event.reason) if t)
    return event.reason


def applicant_timeline(events: Iterable[DossierEvent], *, with_text: bool = True) -> list[ApplicantEvent]:
    """The events the applicant sees, in order, with citizen labels; ``with_text=False`` (the public tracking page,
    where anyone with the code looks) leaves out every free text."""
    out = []
    for event in events:
        kind = EVENT_KINDS.get(event.action)
        if kind is None or not kind.applicant_sees:
            continue
        changed = event.to_state and event.to_state != event.from_state and event.to_state in State.values
        new = (event.payload or {}).get("new") if event.action == "apologise" else None
        out.append(
            ApplicantEvent(
                at=event.at,
                action=event.action,
                label=kind.label,
                state_label=State(event.to_state).label if changed else None,
                text=_text(event, kind) if with_text else "",
                new_appointment=parse_datetime(new) if isinstance(new, str) else None,
            )
        )
    return out
