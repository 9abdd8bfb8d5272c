"""Which actions the dossier page offers now: the workflow table's edges from the current state that the access
policy allows this user (on the same object the service will check), with the choices their forms need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from motcua.dossiers.models import Dossier, FeeExemption, Step, StepStatus
from motcua.dossiers.workflow import TRANSITIONS
from motcua.orgs.models import Role
from motcua.orgs.policy import can

#: The verbs of the staff page, in the order the buttons are shown (the applicant's own verbs are left out).
STAFF_VERBS = [
    "receive", "request_supplement", "refuse", "transfer", "assign", "note", "handover", "consult", "pause",
    "resume", "decide", "attach_result", "send_to_desk", "return_result", "apologise", "stop", "record_payment",
    "exempt_fees",
]  # fmt: skip
#: The object each service authorises against (default: the dossier, i.e. any of its agencies).
TARGETS = {
    "receive": "receiving",
    "return_result": "receiving",
    "decide": "handling",
    "apologise": "handling",
    "attach_result": "handling",
    "send_to_desk": "handling",
    "assign": "step",
    "note": "step",
    "handover": "step",
}


@dataclass(frozen=True)
class PolicyView:
    """The dossier as the policy sees it, its agencies read once (``Dossier.policy_agency_ids`` queries the steps
    on every call)."""

    agency_ids: frozenset[int]
    owner_ids: frozenset[int]

    def policy_agency_ids(self) -> set[int]:
        return set(self.agency_ids)

    def policy_owner_ids(self) -> set[int]:
        return set(self.owner_ids)


def policy_view(dossier: Dossier, steps: list[Step]) -> PolicyView:
    agencies = {dossier.receiving_agency_id, dossier.handling_agency_id, *(s.agency_id for s in steps)}
    return PolicyView(frozenset(agencies), frozenset(dossier.policy_owner_ids()))


@dataclass
class Available:
    verb: str
    steps: list[Step] = field(default_factory=list)  # for step actions: the steps it may apply to


def _step_candidates(verb: str, steps: list[Step]) -> list[Step]:
    if verb == "assign":
        return [s for s in steps if s.status in (StepStatus.PENDING, StepStatus.ACTIVE)]
    active = [s for s in steps if s.status == StepStatus.ACTIVE]
    if verb == "handover":
        return [s for s in active if s.kind not in ("decide", "return", "receive")]
    return active


def available_actions(
    user: Any, dossier: Dossier, steps: list[Step], *, has_apology: bool, has_result: bool
) -> list[Available]:
    found = []
    view = policy_view(dossier, steps)
    for verb in STAFF_VERBS:
        edge = TRANSITIONS[verb]
        if dossier.state not in edge.sources:
            continue
        target = TARGETS.get(verb, "dossier")
        if target == "step":
            allowed = [s for s in _step_candidates(verb, steps) if can(user, edge.action, s.agency)]
            if allowed:
                found.append(Available(verb, allowed))
            continue
        obj = {"receiving": dossier.receiving_agency, "handling": dossier.handling_agency}.get(target, view)
        if not can(user, edge.action, obj):
            continue
        if verb == "apologise" and has_apology:
            continue
        if verb == "send_to_desk" and not has_result:
            continue
        if verb in ("record_payment", "exempt_fees") and not dossier.fee_total:
            continue
        if verb == "exempt_fees" and FeeExemption.objects.filter(dossier=dossier).exists():
            continue
        if verb == "decide" and any(
            s.status == StepStatus.ACTIVE and not s.is_consultation and s.kind != "decide" for s in steps
        ):
            continue
        found.append(Available(verb))
    return found


HANDLER_ROLES = {Role.SPECIALIST, Role.LEADER}
