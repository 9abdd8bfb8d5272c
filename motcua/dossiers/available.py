"""Which actions a staff member may take on a dossier now: the registry's staff actions whose edge leaves the
current state, that the access policy allows this user (on the same object the service will check) and whose
preconditions hold. The back office renders the answer; it decides nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from motcua.accounts.actors import Actor
from motcua.dossiers.actions import ACTIONS
from motcua.dossiers.models import Dossier, Step, StepStatus
from motcua.dossiers.preconditions import Facts
from motcua.dossiers.workflow import ON_HANDLING, ON_RECEIVING, ON_STEP
from motcua.orgs.policy import can


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


def policy_view(dossier: Dossier, steps: Sequence[Step]) -> PolicyView:
    agencies = {dossier.receiving_agency_id, dossier.handling_agency_id, *(s.agency_id for s in steps)}
    return PolicyView(frozenset(agencies), frozenset(dossier.policy_owner_ids()))


@dataclass
class Available:
    verb: str
    steps: list[Step] = field(default_factory=list)  # for step actions: the steps it may apply to


def _step_candidates(verb: str, steps: Sequence[Step]) -> list[Step]:
    if verb == "assign":
        return [s for s in steps if s.status in (StepStatus.PENDING, StepStatus.ACTIVE)]
    active = [s for s in steps if s.status == StepStatus.ACTIVE]
    if verb == "handover":
        return [s for s in active if s.kind not in ("decide", "return", "receive")]
    return active


def available_actions(
    user: Actor, dossier: Dossier, steps: list[Step], *, has_apology: bool, has_result: bool
) -> list[Available]:
    found = []
    view = policy_view(dossier, steps)
    facts = Facts(dossier, steps=steps, has_apology=has_apology, has_result=has_result)
    for spec in ACTIONS:
        if not spec.staff or dossier.state not in spec.edge.sources:
            continue
        if spec.on == ON_STEP:
            allowed = [s for s in _step_candidates(spec.verb, steps) if can(user, spec.edge.action, s.agency)]
            if allowed:
                found.append(Available(spec.verb, allowed))
            continue
        obj = {ON_RECEIVING: dossier.receiving_agency, ON_HANDLING: dossier.handling_agency}.get(spec.on, view)
        if can(user, spec.edge.action, obj) and spec.possible(facts):
            found.append(Available(spec.verb))
    return found
