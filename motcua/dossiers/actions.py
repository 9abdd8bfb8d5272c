"""The registry of dossier actions: for each verb of the workflow table, its typed service, its input, its
preconditions, whether the staff page offers it and which form it uses. Adding a verb: its edge in
:data:`~motcua.dossiers.workflow.TRANSITIONS`, its service, one entry here (and its back-office form class).

Everything that lists the verbs reads this: the API (one operation per verb whose input is a JSON body), the back
office's buttons and forms, :func:`~motcua.dossiers.available.available_actions`. The authorisation target is the
edge's ``on``; the state check is the edge's sources. ``run_action`` checks the actor's right first, before it
reads the input, then calls the service with the typed input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.actors import Actor
from motcua.accounts.models import User
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers import inputs, preconditions
from motcua.dossiers.models import Dossier
from motcua.dossiers.preconditions import Facts, Precondition
from motcua.dossiers.services import intake, processing, reception, results
from motcua.dossiers.services.transitions import permit
from motcua.dossiers.workflow import TRANSITIONS, Edge
from motcua.orgs.models import Agency, Unit

#: A service called with the actor, the dossier's id and the verb's typed input.
Runner = Callable[[Actor, int, Any], object]


@dataclass(frozen=True)
class ActionSpec:
    verb: str
    #: The verb's input (the API's request body); ``None``: not taken by name (it carries files: its own endpoint).
    input: type[inputs.VersionIn] | None
    run: Runner | None
    #: Besides the state: what must hold for the action to be offered (the service refuses it too).
    preconditions: tuple[Precondition, ...] = ()
    #: The button on the staff page (in the order of this registry), and the back office's form class for it.
    label: Promise | None = None
    form: str = ""

    @property
    def edge(self) -> Edge:
        return TRANSITIONS[self.verb]

    @property
    def on(self) -> str:
        """What the actor's right is checked on (the dossier, its desk, its handling agency, a step)."""
        return self.edge.on

    @property
    def staff(self) -> bool:
        return self.label is not None

    def possible(self, facts: Facts) -> bool:
        return all(check(facts) for check in self.preconditions)


def _user(name: str | None, field: str) -> User | None:
    if not name:
        return None
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise ValidationFailed(
            _("No active user “%(name)s”.") % {"name": name}, code="unknown_user", fields={field: _("Unknown user.")}
        )
    return user


def _required_user(name: str, field: str) -> User:
    user = _user(name, field)
    if user is None:
        raise ValidationFailed(
            _("“%(field)s” is required for this action.") % {"field": field},
            code="required",
            fields={field: _("Required.")},
        )
    return user


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise ValidationFailed(
            _("No active agency %(code)s.") % {"code": code},
            code="unknown_agency",
            fields={"agency": _("Unknown agency.")},
        )
    return agency


def _unit(code: str | None, agency: Agency) -> Unit | None:
    if not code:
        return None
    unit = Unit.objects.filter(agency=agency, code=code, is_active=True).first()
    if unit is None:
        raise ValidationFailed(
            _("%(agency)s has no unit %(unit)s.") % {"agency": agency.code, "unit": code},
            fields={"unit": _("Unknown unit.")},
        )
    return unit


def _submit(a: Actor, pk: int, i: inputs.VersionIn) -> Dossier:
    return intake.dossier_submit(actor=a, dossier_id=pk, expected_version=i.version)


def _receive(a: Actor, pk: int, i: inputs.VersionIn) -> Dossier:
    return reception.dossier_receive(actor=a, dossier_id=pk, expected_version=i.version)


def _request_supplement(a: Actor, pk: int, i: inputs.RequestSupplementIn) -> Dossier:
    items = [reception.SupplementItem(item.name, item.reason, item.component_id) for item in i.items]
    return reception.dossier_request_supplement(
        actor=a, dossier_id=pk, items=items, note=i.note, expected_version=i.version
    )


def _supplement(a: Actor, pk: int, i: inputs.VersionIn) -> Dossier:
    return reception.dossier_supplement(actor=a, dossier_id=pk, items=[], expected_version=i.version)


def _refuse(a: Actor, pk: int, i: inputs.ReasonIn) -> Dossier:
    return reception.dossier_refuse(actor=a, dossier_id=pk, reason=i.reason, expected_version=i.version)


def _withdraw(a: Actor, pk: int, i: inputs.OptionalReasonIn) -> Dossier:
    return reception.dossier_withdraw(actor=a, dossier_id=pk, reason=i.reason, expected_version=i.version)


def _transfer(a: Actor, pk: int, i: inputs.TransferIn) -> Dossier:
    to_user = _user(i.to_user, "to_user")
    return processing.dossier_transfer(actor=a, dossier_id=pk, to_user=to_user, expected_version=i.version)


def _assign(a: Actor, pk: int, i: inputs.AssignIn) -> Dossier:
    assignee = _required_user(i.assignee, "assignee")
    return processing.dossier_assign(
        actor=a, dossier_id=pk, step_id=i.step_id, assignee=assignee, expected_version=i.version
    )


def _note(a: Actor, pk: int, i: inputs.StepNoteIn) -> Dossier:
    return processing.dossier_note(
        actor=a,
        dossier_id=pk,
        step_id=i.step_id,
        kind=i.kind,
        content=i.content,
        place=i.place,
        participants=i.participants,
        expected_version=i.version,
    )


def _handover(a: Actor, pk: int, i: inputs.HandoverIn) -> Dossier:
    to_user = _user(i.to_user, "to_user")
    return processing.dossier_handover(
        actor=a, dossier_id=pk, step_id=i.step_id, to_user=to_user, note=i.note, expected_version=i.version
    )


def _consult(a: Actor, pk: int, i: inputs.ConsultIn) -> Dossier:
    agency = _agency(i.agency)
    return processing.dossier_consult(
        actor=a,
        dossier_id=pk,
        agency=agency,
        unit=_unit(i.unit, agency),
        content=i.content,
        hours=i.hours,
        expected_version=i.version,
    )


def _pause(a: Actor, pk: int, i: inputs.PauseIn) -> Dossier:
    return processing.dossier_pause(
        actor=a,
        dossier_id=pk,
        reason=i.pause_reason,
        note=i.note,
        items=[item.name for item in i.items],
        expected_version=i.version,
    )


def _resume(a: Actor, pk: int, i: inputs.NoteIn) -> Dossier:
    return processing.dossier_resume(actor=a, dossier_id=pk, note=i.note, expected_version=i.version)


def _decide(a: Actor, pk: int, i: inputs.DecideIn) -> Dossier:
    return results.dossier_decide(
        actor=a, dossier_id=pk, outcome=i.outcome, reason=i.reason, expected_version=i.version
    )


def _send_to_desk(a: Actor, pk: int, i: inputs.VersionIn) -> Dossier:
    return results.dossier_send_to_desk(actor=a, dossier_id=pk, expected_version=i.version)


def _return_result(a: Actor, pk: int, i: inputs.ReturnIn) -> Dossier:
    return results.dossier_return_result(
        actor=a, dossier_id=pk, method=i.method, note=i.note, expected_version=i.version
    )


def _apologise(a: Actor, pk: int, i: inputs.ApologiseIn) -> Dossier:
    return results.dossier_apologise(
        actor=a, dossier_id=pk, reason=i.reason, new_appointment=i.new_appointment, expected_version=i.version
    )


def _stop(a: Actor, pk: int, i: inputs.ReasonIn) -> Dossier:
    return results.dossier_stop(actor=a, dossier_id=pk, reason=i.reason, expected_version=i.version)


def _exempt_fees(a: Actor, pk: int, i: inputs.ReasonIn) -> Dossier:
    return results.dossier_exempt_fees(actor=a, dossier_id=pk, reason=i.reason, expected_version=i.version)


def _record_payment(a: Actor, pk: int, i: inputs.PaymentIn) -> object:
    return results.dossier_record_payment(
        actor=a,
        dossier_id=pk,
        method=i.method,
        amount=i.amount,
        receipt_no=i.receipt_no,
        gateway=i.gateway,
        expected_version=i.version,
    )


#: Every verb of the workflow table, in the order of the staff page's buttons.
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("submit", inputs.VersionIn, _submit),
    ActionSpec(
        "receive", inputs.VersionIn, _receive, label=gettext_lazy("Receive and issue the receipt"), form="ReceiveForm"
    ),
    ActionSpec(
        "request_supplement",
        inputs.RequestSupplementIn,
        _request_supplement,
        label=gettext_lazy("Request a supplement"),
        form="RequestSupplementForm",
    ),
    ActionSpec("supplement", inputs.VersionIn, _supplement),
    ActionSpec("refuse", inputs.ReasonIn, _refuse, label=gettext_lazy("Refuse"), form="ReasonForm"),
    ActionSpec("withdraw", inputs.OptionalReasonIn, _withdraw),
    ActionSpec(
        "transfer", inputs.TransferIn, _transfer, label=gettext_lazy("Transfer for processing"), form="TransferForm"
    ),
    ActionSpec("assign", inputs.AssignIn, _assign, label=gettext_lazy("Assign / reassign"), form="AssignForm"),
    ActionSpec("note", inputs.StepNoteIn, _note, label=gettext_lazy("Record a note"), form="NoteForm"),
    ActionSpec("handover", inputs.HandoverIn, _handover, label=gettext_lazy("Hand over the step"), form="HandoverForm"),
    ActionSpec("consult", inputs.ConsultIn, _consult, label=gettext_lazy("Consult another agency"), form="ConsultForm"),
    ActionSpec("pause", inputs.PauseIn, _pause, label=gettext_lazy("Pause"), form="PauseForm"),
    ActionSpec("resume", inputs.NoteIn, _resume, label=gettext_lazy("Resume"), form="NoteOnlyForm"),
    ActionSpec("answer_pause", None, None),  # the applicant's documents: processing.dossier_answer_pause
    ActionSpec(
        "decide",
        inputs.DecideIn,
        _decide,
        (preconditions.no_other_step_open,),
        label=gettext_lazy("Decide and sign"),
        form="DecideForm",
    ),
    # The signed result is a file: results.dossier_attach_result, called by the page with the upload.
    ActionSpec("attach_result", None, None, label=gettext_lazy("Attach the result"), form="AttachResultForm"),
    ActionSpec(
        "send_to_desk",
        inputs.VersionIn,
        _send_to_desk,
        (preconditions.result_attached,),
        label=gettext_lazy("Send the result to the desk"),
        form="ActionForm",
    ),
    ActionSpec(
        "return_result", inputs.ReturnIn, _return_result, label=gettext_lazy("Return the result"), form="ReturnForm"
    ),
    ActionSpec(
        "apologise",
        inputs.ApologiseIn,
        _apologise,
        (preconditions.not_apologised,),
        label=gettext_lazy("Apologise and re-appoint"),
        form="ApologiseForm",
    ),
    ActionSpec("stop", inputs.ReasonIn, _stop, label=gettext_lazy("Stop (applicant's request)"), form="ReasonForm"),
    # Offered only when the dossier has fees (the service records a payment on any open dossier).
    ActionSpec(
        "record_payment",
        inputs.PaymentIn,
        _record_payment,
        (preconditions.owes_fees,),
        label=gettext_lazy("Record a payment"),
        form="PaymentForm",
    ),
    ActionSpec(
        "exempt_fees",
        inputs.ReasonIn,
        _exempt_fees,
        (preconditions.owes_fees, preconditions.not_exempt),
        label=gettext_lazy("Record a fee exemption"),
        form="ExemptionForm",
    ),
)
REGISTRY: dict[str, ActionSpec] = {spec.verb: spec for spec in ACTIONS}


def action_spec(verb: str) -> ActionSpec:
    """The registry's entry for ``verb`` taken by name, or a :class:`ValidationFailed` for an unknown verb."""
    spec = REGISTRY.get(verb)
    if spec is None or spec.run is None:
        raise ValidationFailed(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    return spec


def action_permitted(verb: str, *, actor: Actor, dossier_id: int) -> None:
    """Raise unless ``actor`` may take ``verb`` on the dossier (403; an unknown dossier 404). Callers check it before
    they read the action's input; the service checks it again under the dossier's lock."""
    action_spec(verb)
    dossier = Dossier.objects.select_related("receiving_agency", "handling_agency").filter(pk=dossier_id).first()
    if dossier is None:
        raise NotFound(_("No such dossier."), code="dossier_not_found")
    permit(actor, verb, dossier)


def run_action(verb: str, *, actor: Actor, dossier_id: int, data: inputs.VersionIn | dict[str, Any]) -> object:
    """Run ``verb``: whether ``actor`` may take it is checked first, before its input is read. ``data`` is the
    verb's validated input (the API), or what a form has checked (a page), made into that input here."""
    spec = action_spec(verb)
    action_permitted(verb, actor=actor, dossier_id=dossier_id)
    assert spec.input is not None  # noqa: S101 - action_spec admits only verbs taken by name
    assert spec.run is not None  # noqa: S101
    if isinstance(data, dict):
        if data.get("version") in (None, ""):
            raise ValidationFailed(
                _("“%(field)s” is required for this action.") % {"field": "version"},
                code="required",
                fields={"version": _("Required.")},
            )
        data = spec.input.checked(data)
    return spec.run(actor, dossier_id, data)
