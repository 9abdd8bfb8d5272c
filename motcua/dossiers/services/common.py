"""What every dossier service shares: locking, the transition check, the event row, the outbox messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers import events
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.locks import check_seen_version, lock
from motcua.dossiers.models import Apology, Dossier, DossierEvent, Pause, PauseReason
from motcua.dossiers.workflow import (
    NATIONAL_STATUS,
    ON_HANDLING,
    ON_RECEIVING,
    TRANSITIONS,
    Edge,
    State,
    check_transition,
)
from motcua.integrations import outbox
from motcua.integrations.handlers import TOPIC_EMAIL, TOPIC_PORTAL
from motcua.orgs.policy import Action, can, require


def permit(actor: Actor, verb: str, dossier: Dossier, *, agency_obj: Any = None) -> Edge:
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


def apply(
    dossier: Dossier,
    verb: str,
    actor: Actor,
    *,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    agency_obj: Any = None,
    at: dt.datetime | None = None,
) -> DossierEvent:
    """Check ``verb`` from the current state and the actor's right (again: the caller has admitted it, and a step
    action adds the step's agency as ``agency_obj``), move the state, bump the version, write the event (the next
    link of the dossier's hash chain).

    The caller holds the dossier's lock (:func:`lock`) and has set the other fields on ``dossier``; they are saved
    here with the state.
    """
    edge = check_transition(verb, dossier.state)
    permit(actor, verb, dossier, agency_obj=agency_obj)
    before = dossier.state
    if edge.target is not None:
        dossier.state = edge.target
    dossier.version += 1
    dossier.save()
    event = DossierEvent(
        dossier=dossier,
        at=at or clock.now(),
        actor=user_of(actor),
        action=verb,
        from_state=before,
        to_state=dossier.state,
        reason=reason,
        payload=payload or {},
    )
    audit.record(dossier.pk, [event])
    if dossier.state != before:
        queue_portal_status(dossier, event)
    events.publish(dossier, [event])
    return event


def national_status(dossier: Dossier) -> int:
    """The national status code; a pause is 5 (waiting for a supplement) or 6 (financial obligation)."""
    if dossier.state == State.PAUSED:
        pause = dossier.pauses.filter(ended_at__isnull=True).first()
        if pause is not None:
            return 6 if pause.reason == PauseReason.FINANCIAL else 5
    return NATIONAL_STATUS[dossier.state]


def _stamp(moment: dt.datetime | None) -> str:
    return moment.astimezone(clock.VN_TZ).strftime("%Y%m%d%H%M%S") if moment else ""


def _re_appointments(dossier: Dossier) -> list[dict[str, str]]:
    """The apology's re-appointment (form 04) as the national data carries an extension: the appointment before
    and the new one. Read only when the appointment differs from the due moment (never on the hot intake path)."""
    if dossier.pk is None or dossier.appointment_at is None or dossier.appointment_at == dossier.due_at:
        return []
    apology = Apology.objects.filter(dossier_id=dossier.pk).first()
    if apology is None:
        return []
    return [
        {
            "NgayXinLoi": _stamp(apology.issued_at),
            "NgayHenTraTruoc": _stamp(apology.previous_appointment),
            "NgayHenTraMoi": _stamp(apology.new_appointment),
            "LyDo": apology.reason,
        }
    ]


def portal_payload(dossier: Dossier, event: DossierEvent, fee_lines: list[Any] | None = None) -> dict[str, Any]:
    """The national portal's dossier fields (RULES §14), dates as yyyyMMddHHmmss in Vietnam time.

    ``NgayHenTra`` is the legal due moment (``due_at``: the appointment of the receipt, moved only by pauses and
    restarts), the moment lateness is judged on here and nationally, so both figures agree; a re-appointment after
    an apology is sent beside it in ``DanhSachHenLai`` (``NgayHenTraTruoc`` → ``NgayHenTraMoi``), never in its
    place (docs/integrations.md, "Two appointments")."""
    version = dossier.procedure_version
    lines = dossier.fee_lines.all() if fee_lines is None else fee_lines
    return {
        "MaHoSo": dossier.code or dossier.reference,
        "MaTTHC": version.procedure.code,
        "KenhThucHien": dossier.channel,
        "NgayTiepNhan": _stamp(dossier.received_at),
        "NgayHenTra": _stamp(dossier.due_at or dossier.appointment_at),
        "DanhSachHenLai": _re_appointments(dossier),
        "NgayKetThucXuLy": _stamp(dossier.decided_at),
        "TrangThaiHoSo": national_status(dossier),
        "ThoiHanGiaiQuyet": str(dossier.limit_amount),
        "DonViThoiHan": dossier.limit_unit,
        "DanhSachLePhi": [{"TenPhiLePhi": f.name, "MucPhi": f.amount} for f in lines],
        "TienDo": {
            "NguoiXuLy": event.actor.get_full_name() if event.actor else "",
            "ThoiDiemXuLy": _stamp(event.at),
            "NoiDungXuLy": event.reason or event.action,
            "TrangThai": national_status(dossier),
        },
    }


def queue_portal_status(dossier: Dossier, event: DossierEvent, fee_lines: list[Any] | None = None) -> None:
    payload = portal_payload(dossier, event, fee_lines)
    outbox.enqueue(topic=TOPIC_PORTAL, key=dossier.code or dossier.reference, payload=payload)


def portal_message(dossier: Dossier, event: DossierEvent, fee_lines: list[Any]) -> tuple[str, str, dict[str, Any]]:
    return TOPIC_PORTAL, dossier.code or dossier.reference, portal_payload(dossier, event, fee_lines)


def email_message(dossier: Dossier, subject: str, body: str) -> tuple[str, str, dict[str, Any]]:
    to = dossier.applicant.email or (dossier.owner.email if dossier.owner_id and dossier.owner else "")
    key = dossier.code or dossier.reference
    return TOPIC_EMAIL, key, {"to": to, "subject": subject, "body": body, "dossier": key}


def notify_applicant(dossier: Dossier, subject: str, body: str) -> None:
    """Tell the applicant by e-mail (after commit, through the outbox); SMS/Zalo come later."""
    outbox.enqueue_many([email_message(dossier, subject, body)])


def open_pause(dossier: Dossier) -> Pause | None:
    return dossier.pauses.filter(ended_at__isnull=True).first()


def required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationFailed(message, code="required", fields={field: message})
    return value.strip()
