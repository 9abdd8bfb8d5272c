"""The desk's decision on a submitted dossier: receive (form 01), request a supplement (form 02), refuse (form 03);
and the applicant's side before reception: supplement, withdraw. Counter and postal intake do both at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Applicant
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import process_for
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers import codes, timing
from motcua.dossiers.models import Channel, Dossier, Step, StepStatus
from motcua.dossiers.services.common import apply, lock, notify_applicant, required
from motcua.dossiers.services.intake import ComponentInput, check_complete, dossier_create, put_components
from motcua.orgs.models import Agency
from motcua.workcalendar.services.deadlines import add_working_time, transfer_deadline


@dataclass
class SupplementItem:
    """One thing to complete (form 02): a component (or free text) and what is wrong with it."""

    name: str
    reason: str
    component_id: int | None = None


def _steps_from_process(dossier: Dossier, now: Any) -> list[Step]:
    resolved = process_for(dossier.procedure_version, dossier.handling_agency)
    steps = [
        Step(
            dossier=dossier,
            position=s.position,
            kind=s.kind,
            agency=s.agency,
            unit=s.unit,
            role=s.role,
            parallel_group=s.parallel_group,
            description=s.description,
            duration_minutes=int(s.duration_hours * 60),
        )
        for s in resolved.steps
    ]
    return steps


@transaction.atomic
def dossier_receive(*, actor: Any, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """Receipt and appointment (form 01): the code, the register line, the appointment; the clock starts."""
    dossier = lock(dossier_id, expected_version)
    from motcua.dossiers.workflow import check_transition
    from motcua.orgs.policy import require

    edge = check_transition("receive", dossier.state)
    require(actor, edge.action, dossier.receiving_agency)
    check_complete(dossier)
    now = clock.now()
    calendar = timing.calendar_for(dossier.receiving_agency)
    steps = _steps_from_process(dossier, now)
    dossier.received_at = dossier.clock_start_at = now
    dossier.code = codes.dossier_code(dossier.receiving_agency, now)
    dossier.register_year, dossier.register_no = codes.register_line(dossier.receiving_agency, now)
    dossier.due_at = dossier.appointment_at = add_working_time(
        start=now, amount=dossier.limit_amount, unit=dossier.limit_unit, calendar=calendar
    )
    dossier.transfer_due_at = transfer_deadline(received_at=now, calendar=calendar)
    if dossier.submitted_at is None:
        dossier.submitted_at = now
    timing.schedule(steps, now, calendar)
    first = steps[0] if steps else None
    if first is not None and first.kind == "receive":
        first.status, first.started_at, first.received_by = StepStatus.ACTIVE, now, actor
    Step.objects.bulk_create(steps)
    apply(dossier, "receive", actor, skip_auth=True, payload={"code": dossier.code, "register_no": dossier.register_no})
    notify_applicant(
        dossier,
        _("Dossier %(code)s received") % {"code": dossier.code},
        _("Your dossier %(code)s (%(procedure)s) was received at %(received)s. Appointment: %(appointment)s.")
        % {
            "code": dossier.code,
            "procedure": dossier.procedure_version.name,
            "received": now.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y"),
            "appointment": dossier.appointment_at.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y"),
        },
    )
    return dossier


@transaction.atomic
def dossier_intake_at_desk(
    *,
    actor: Any,
    version: ProcedureVersion,
    applicant: Applicant,
    handling_agency: Agency,
    receiving_agency: Agency,
    components: list[ComponentInput],
    channel: int = Channel.COUNTER,
    representative: Applicant | None = None,
    postal_tracking_no: str = "",
    sets: int = 1,
    note: str = "",
    fee_rows: dict[int, str] | None = None,
) -> Dossier:
    """Counter or postal intake: create, attach the scanned components, submit and receive in one transaction."""
    if channel not in (Channel.COUNTER, Channel.POSTAL):
        raise ValidationFailed(
            _("Desk intake is for counter or postal dossiers."), fields={"channel": _("Use 1 or 3.")}
        )
    dossier = dossier_create(
        actor=actor, version=version, applicant=applicant, handling_agency=handling_agency,
        receiving_agency=receiving_agency, channel=channel, representative=representative,
        postal_tracking_no=postal_tracking_no, sets=sets, note=note, fee_rows=fee_rows,
    )  # fmt: skip
    dossier = lock(dossier.pk)
    put_components(dossier, components, actor)
    check_complete(dossier)
    dossier.submitted_at = clock.now()
    apply(dossier, "submit", actor, skip_auth=True, reason=_("Handed in at the desk"))
    return dossier_receive(actor=actor, dossier_id=dossier.pk)


@transaction.atomic
def dossier_request_supplement(
    *, actor: Any, dossier_id: int, items: list[SupplementItem], note: str = "", expected_version: int | None = None
) -> Dossier:
    """Form 02 at reception: *every* missing or wrong component listed at once; the dossier waits."""
    dossier = lock(dossier_id, expected_version)
    if not items:
        raise ValidationFailed(
            _("List everything the applicant must complete (at least one item)."),
            code="supplement_items_required",
            fields={"items": _("At least one item.")},
        )
    listed = [
        {
            "name": required(i.name, "items", _("Each item needs a name.")),
            "reason": i.reason,
            "component_id": i.component_id,
        }
        for i in items
    ]
    apply(dossier, "request_supplement", actor, reason=note, payload={"items": listed})
    body = "\n".join(f"- {i['name']}: {i['reason']}" for i in listed)
    notify_applicant(
        dossier,
        _("Dossier %(ref)s: please complete it") % {"ref": dossier.reference},
        _("Please complete your dossier %(ref)s:\n%(items)s\n%(note)s")
        % {"ref": dossier.reference, "items": body, "note": note},
    )
    return dossier


@transaction.atomic
def dossier_supplement(
    *, actor: Any, dossier_id: int, items: list[ComponentInput], expected_version: int | None = None
) -> Dossier:
    """The applicant (or the desk for them) provides what was asked; the dossier is submitted again."""
    dossier = lock(dossier_id, expected_version)
    from motcua.orgs.policy import Action, can

    put_components(dossier, items, actor)
    check_complete(dossier)
    dossier.submitted_at = clock.now()
    apply(dossier, "supplement", actor, skip_auth=can(actor, Action.RECEIVE, dossier))
    return dossier


@transaction.atomic
def dossier_refuse(*, actor: Any, dossier_id: int, reason: str, expected_version: int | None = None) -> Dossier:
    """Form 03: the dossier is not accepted (outside competence or not acceptable), with the reason."""
    dossier = lock(dossier_id, expected_version)
    reason = required(reason, "reason", _("Give the reason for refusing the dossier."))
    dossier.closed_at = clock.now()
    apply(dossier, "refuse", actor, reason=reason)
    notify_applicant(
        dossier,
        _("Dossier %(ref)s not accepted") % {"ref": dossier.reference},
        _("Your dossier %(ref)s was not accepted: %(reason)s") % {"ref": dossier.reference, "reason": reason},
    )
    return dossier


@transaction.atomic
def dossier_withdraw(*, actor: Any, dossier_id: int, reason: str = "", expected_version: int | None = None) -> Dossier:
    """The applicant withdraws before reception."""
    dossier = lock(dossier_id, expected_version)
    dossier.closed_at = clock.now()
    apply(dossier, "withdraw", actor, reason=reason)
    return dossier
