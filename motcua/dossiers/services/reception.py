"""The desk's decision on a submitted dossier: receive (form 01), request a supplement (form 02), refuse (form 03);
and the applicant's side before reception: supplement, withdraw. Counter and postal intake do both at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.accounts.models import Applicant
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.core.pipeline import insert_together
from motcua.dossiers import events as dossier_events
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.models import Channel, Dossier, Step
from motcua.dossiers.services.building import (
    ComponentInput,
    check_complete,
    component_rows,
    plan_reception,
    version_parts,
)
from motcua.dossiers.services.common import email_message, notify_applicant, portal_message, required
from motcua.dossiers.services.intake import creation_event, new_dossier, provided_components, put_components
from motcua.dossiers.services.transitions import Transition, admit, apply, apply_batch
from motcua.integrations import outbox
from motcua.orgs.models import Agency


@dataclass
class SupplementItem:
    """One thing to complete (form 02): a component (or free text) and what is wrong with it."""

    name: str
    reason: str
    component_id: int | None = None


@transaction.atomic
def dossier_receive(*, actor: Actor, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """Receipt and appointment (form 01): the code, the register line, the appointment; the clock starts."""
    dossier = admit(dossier_id, "receive", actor, expected_version)
    check_complete(version_parts(dossier.procedure_version), provided_components(dossier))
    now = clock.now()
    Step.objects.bulk_create(plan_reception(dossier, now, actor))
    apply(dossier, "receive", actor, payload={"code": dossier.code, "register_no": dossier.register_no})
    _notify_received(dossier)
    return dossier


def _notify_received(dossier: Dossier) -> None:
    notify_applicant(*_received_email(dossier))


def _received_email(dossier: Dossier) -> tuple[Dossier, str, str]:
    assert dossier.received_at is not None  # noqa: S101 - set by the reception
    assert dossier.appointment_at is not None  # noqa: S101
    return (
        dossier,
        _("Dossier %(code)s received") % {"code": dossier.code},
        _("Your dossier %(code)s (%(procedure)s) was received at %(received)s. Appointment: %(appointment)s.")
        % {
            "code": dossier.code,
            "procedure": dossier.procedure_version.name,
            "received": dossier.received_at.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y"),
            "appointment": dossier.appointment_at.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y"),
        },
    )


@transaction.atomic
def dossier_intake_at_desk(
    *,
    actor: Actor,
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
    """Counter or postal intake: create, attach the scanned components, submit and receive in one transaction.

    The same checks as the separate steps, written in one pass: the dossier row is inserted once, already received.
    """
    if channel not in (Channel.COUNTER, Channel.POSTAL):
        raise ValidationFailed(
            _("Desk intake is for counter or postal dossiers."), fields={"channel": _("Use 1 or 3.")}
        )
    dossier, lines = new_dossier(
        actor=actor, version=version, applicant=applicant, handling_agency=handling_agency,
        receiving_agency=receiving_agency, channel=channel, representative=representative,
        postal_tracking_no=postal_tracking_no, sets=sets, note=note, fee_rows=fee_rows or {},
    )  # fmt: skip
    parts = version_parts(version)
    rows = component_rows(dossier, parts, components, actor)
    check_complete(parts, {row.component_id for row in rows if row.component_id})
    now = dossier.created_at
    steps = plan_reception(dossier, now, actor)
    # The dossier is new (a draft at version 1): submitted and received along the table, nothing written yet.
    moved = apply_batch(
        dossier,
        [
            Transition("submit", reason=_("Handed in at the desk")),
            Transition("receive", payload={"code": dossier.code, "register_no": dossier.register_no}),
        ],
        actor,
        at=now,
        save=False,
    )
    # On PostgreSQL the dossier's id came with its numbers: the row goes in with the others, in one round trip.
    with_rows = [dossier] if dossier.pk is not None else []
    if not with_rows:
        dossier.save()
        for event in moved:
            event.dossier = dossier  # the id the row has just received, which the event's hash covers
    events = [creation_event(dossier, actor), *moved]
    audit.chain(events, head=None)  # a new dossier: its chain starts here
    messages = outbox.message_rows(
        [portal_message(dossier, events[-1], lines), email_message(*_received_email(dossier))]
    )
    # Rows whose ids nothing needs now: one round trip for all of them.
    insert_together(with_rows, lines, rows, steps, events, messages)
    outbox.enqueued()
    dossier_events.publish(dossier, events)
    return dossier


@transaction.atomic
def dossier_request_supplement(
    *, actor: Actor, dossier_id: int, items: list[SupplementItem], note: str = "", expected_version: int | None = None
) -> Dossier:
    """Form 02 at reception: *every* missing or wrong component listed at once; the dossier waits."""
    dossier = admit(dossier_id, "request_supplement", actor, expected_version)
    if not items:
        raise ValidationFailed(
            _("List everything the applicant must complete (at least one item)."),
            code="supplement_items_required",
            fields={"items": _("At least one item.")},
        )
    again = dossier.reception_supplement_requests >= 1
    if again:  # form 02 lists everything at once: a further request says why it was not in the first one
        note = required(
            note, "note",
            _("This dossier was already asked to supplement at reception (form 02 lists everything at once): "
              "state why this request was not part of the first one. Leaders will see it."),
        )  # fmt: skip
    listed = [
        {
            "name": required(i.name, "items", _("Each item needs a name.")),
            "reason": i.reason,
            "component_id": i.component_id,
        }
        for i in items
    ]
    # Every request to supplement counts towards the 766 index's "more than one supplement request is overdue"
    # (``supplement_requests``, RULES §10); those made at reception are also counted on their own for the leaders.
    dossier.reception_supplement_requests += 1
    dossier.supplement_requests += 1
    apply(
        dossier, "request_supplement", actor, reason=note,
        payload={"items": listed, "reception_requests": dossier.reception_supplement_requests, "again": again},
    )  # fmt: skip
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
    *, actor: Actor, dossier_id: int, items: list[ComponentInput], expected_version: int | None = None
) -> Dossier:
    """The applicant (or the desk for them) provides what was asked; the dossier is submitted again."""
    dossier = admit(dossier_id, "supplement", actor, expected_version)
    put_components(dossier, items, actor)
    check_complete(version_parts(dossier.procedure_version), provided_components(dossier))
    dossier.submitted_at = clock.now()
    apply(dossier, "supplement", actor)
    return dossier


@transaction.atomic
def dossier_refuse(*, actor: Actor, dossier_id: int, reason: str, expected_version: int | None = None) -> Dossier:
    """Form 03: the dossier is not accepted (outside competence or not acceptable), with the reason."""
    dossier = admit(dossier_id, "refuse", actor, expected_version)
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
def dossier_withdraw(
    *, actor: Actor, dossier_id: int, reason: str = "", expected_version: int | None = None
) -> Dossier:
    """The applicant withdraws before reception."""
    dossier = admit(dossier_id, "withdraw", actor, expected_version)
    dossier.closed_at = clock.now()
    apply(dossier, "withdraw", actor, reason=reason)
    return dossier
