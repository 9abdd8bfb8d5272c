"""What the dossier services share besides the transition pipeline (:mod:`.transitions`): the national status,
the portal and e-mail messages through the outbox, the open pause, required texts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Apology, Dossier, DossierEvent, Pause, PauseReason
from motcua.dossiers.workflow import (
    NATIONAL_STATUS,
    State,
)
from motcua.integrations import outbox
from motcua.integrations.handlers import TOPIC_EMAIL, TOPIC_PORTAL


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
