"""Public tracking: a dossier code plus a second factor (the last 4 digits of the applicant's phone or ID number),
or the signed token the receipt's QR code carries. Shows the status at every step and no personal data."""

from __future__ import annotations

import hmac
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers import timing
from motcua.dossiers.models import Dossier, StepStatus
from motcua.dossiers.workflow import State

_SIGNER = signing.Signer(salt="motcua.tracking")


def tracking_token(code: str) -> str:
    return _SIGNER.signature(code)


def tracking_url(code: str) -> str:
    return f"/tra-cuu/{code}?t={tracking_token(code)}"


def _no_match() -> NotFound:
    return NotFound(_("No dossier matches this code and check."), code="tracking_not_found")


def tracking_lookup(*, code: str, factor: str | None = None, token: str | None = None) -> Dossier:
    dossier = (
        Dossier.objects.select_related("applicant", "procedure_version", "receiving_agency").filter(code=code).first()
    )
    if dossier is None:
        raise _no_match()
    if not factor and not token:
        raise ValidationFailed(
            _("Give the last 4 digits of the phone or ID number, or open the link of the receipt's QR code."),
            code="tracking_factor_required",
            fields={"factor": _("Required without a token.")},
        )
    if token is not None:
        if not hmac.compare_digest(token, tracking_token(code)):
            raise _no_match()
        return dossier
    assert factor is not None  # noqa: S101 - checked above
    if len(factor) != 4 or not factor.isdigit():
        raise ValidationFailed(_("The check is 4 digits."), code="tracking_factor", fields={"factor": _("4 digits.")})
    candidates = [dossier.applicant.phone[-4:], dossier.applicant.id_number.replace("-", "")[-4:]]
    if not any(c and hmac.compare_digest(factor, c) for c in candidates):
        raise _no_match()
    return dossier


def _fmt(moment: Any) -> str | None:
    return moment.astimezone(clock.VN_TZ).isoformat() if moment else None


def _step_view(step: Any, now: Any) -> dict[str, Any]:
    shown = step.status in (StepStatus.ACTIVE, StepStatus.DONE)
    return {
        "position": step.position,
        "kind": step.kind,
        "agency": step.agency.name,
        "unit": step.unit.name if step.unit else None,
        "status": step.status,
        "started_at": _fmt(step.started_at),
        "finished_at": _fmt(step.finished_at),
        "due_at": _fmt(step.due_at),
        "timeliness": timing.classify(step.finished_at, step.due_at, now=now) if shown else None,
    }


def tracking_view(dossier: Dossier) -> dict[str, Any]:
    """What anyone holding the code and the check may see: no names, numbers or addresses."""
    now = clock.now()
    steps = [
        _step_view(step, now) for step in dossier.steps.select_related("agency", "unit").order_by("position", "pk")
    ]
    return {
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "state": dossier.state,
        "state_label": str(State(dossier.state).label),
        "national_status": dossier.national_status,
        "desk": dossier.receiving_agency.name,
        "received_at": _fmt(dossier.received_at),
        "appointment_at": _fmt(dossier.appointment_at),
        "decided_at": _fmt(dossier.decided_at),
        "returned_at": _fmt(dossier.returned_at),
        "steps": steps,
    }
