"""Public tracking: a dossier code plus a second factor (the last 4 digits of the applicant's phone or ID number),
or the signed token the receipt's QR code carries, or the applicant's own login. Shows the status at every step
and no personal data.

Codes are sequential and a check of 4 digits matches one of two numbers, so each guess succeeds with probability
2/10,000. A code therefore answers at most :data:`FACTOR_TRIES` wrong checks in total (not per minute): then it
takes no check at all until the desk reopens it (:func:`tracking_unlock`), which bounds a guesser at
5 × 2/10,000 = 0.1% per code. The signed link and the logged-in applicant are not affected by the lockout.
An unknown code, a wrong or missing check, a wrong token and a locked code all get the same :class:`NotFound`.
"""

from __future__ import annotations

import hmac
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.dossiers import timing
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.locks import lock
from motcua.dossiers.models import Apology, Dossier, DossierEvent, StepStatus, TrackingGuard
from motcua.dossiers.visibility import applicant_timeline
from motcua.dossiers.workflow import State
from motcua.orgs.policy import Action, can, require

_SIGNER = signing.Signer(salt="motcua.tracking")
#: Wrong checks a code answers in total before it is locked (until the desk reopens it).
FACTOR_TRIES = 5
#: Lookups a minute from one client address, the API and the page together (the interfaces count them under
#: :data:`RATE_SCOPE` with ``core.net.hit_ip``).
LOOKUPS_PER_MINUTE = 30
RATE_SCOPE = "tracking"
CODE_MAX_LENGTH = 30


def tracking_token(code: str) -> str:
    return _SIGNER.signature(code)


def token_valid(code: str, token: str) -> bool:
    """Whether ``token`` is the signature of ``code`` (compared in constant time; any text is accepted)."""
    return hmac.compare_digest(token.encode(), tracking_token(code).encode())


def tracking_url(code: str) -> str:
    return f"/tra-cuu/{code}?t={tracking_token(code)}"


def rating_url(code: str) -> str:
    """The applicant's rating page, opened with the same signed token as the receipt's QR code."""
    return f"/danh-gia/ho-so/{code}/?t={tracking_token(code)}"


def _no_match() -> NotFound:
    return NotFound(_("No dossier matches this code and check."), code="tracking_not_found")


def _take_try(dossier_id: int) -> bool:
    """Count one check-digit evaluation before it is made; ``False`` when the code has no tries left.

    A single conditional UPDATE (``failures < FACTOR_TRIES``): concurrent guesses queue on the row and at most
    :data:`FACTOR_TRIES` are ever let through. It commits at once (autocommit), so a refusal is counted even though
    the lookup then raises.
    """
    open_row = TrackingGuard.objects.filter(dossier_id=dossier_id, failures__lt=FACTOR_TRIES)
    if open_row.update(failures=F("failures") + 1):
        return True
    TrackingGuard.objects.bulk_create([TrackingGuard(dossier_id=dossier_id)], ignore_conflicts=True)
    return bool(open_row.update(failures=F("failures") + 1))


def _give_back_try(dossier_id: int) -> None:
    """A right check is not a wrong one: the try taken for it is given back."""
    TrackingGuard.objects.filter(dossier_id=dossier_id, failures__gt=0).update(failures=F("failures") - 1)


def _factor_matches(dossier: Dossier, factor: str) -> bool:
    candidates = [dossier.applicant.phone[-4:], dossier.applicant.id_number.replace("-", "")[-4:]]
    return any(len(c) == 4 and hmac.compare_digest(factor, c) for c in candidates)


def normalize_code(code: str) -> str:
    """What people type for a code: the receipt's code or the online reference (``HS…``) given at submission, in
    any case and with stray spaces. Codes and references are stored in capitals."""
    return "".join((code or "").split()).upper()


def tracking_lookup(
    *, code: str, factor: str | None = None, token: str | None = None, user: Actor | None = None
) -> Dossier:
    """The dossier with ``code`` for whoever holds its signed ``token``, is its applicant (``user``), or gives the
    right ``factor`` while the code has tries left; otherwise :class:`NotFound`, the same in every case.

    A malformed ``factor`` is refused before the code is looked at, so that answer says nothing about the code.
    Call it outside a transaction that may roll back: the wrong checks must stay counted.
    """
    if factor and (len(factor) != 4 or not factor.isdigit()):
        raise ValidationFailed(_("The check is 4 digits."), code="tracking_factor", fields={"factor": _("4 digits.")})
    dossier = None
    code = normalize_code(code)
    if code and len(code) <= CODE_MAX_LENGTH:
        dossier = (
            Dossier.objects.select_related("applicant", "procedure_version", "receiving_agency")
            .filter(Q(code=code) | Q(reference=code))
            .exclude(state=State.DRAFT)
            .first()
        )
    if dossier is None:
        raise _no_match()
    if token:
        if dossier.code and token_valid(dossier.code, token):
            return dossier
        raise _no_match()
    if user is not None and can(user, Action.APPLY, dossier):
        return dossier
    if not factor or not _take_try(dossier.pk):
        raise _no_match()
    if _factor_matches(dossier, factor):
        _give_back_try(dossier.pk)
        return dossier
    TrackingGuard.objects.filter(dossier_id=dossier.pk).update(last_failure_at=clock.now())
    raise _no_match()


def tracking_failures(dossier: Dossier) -> int:
    """Wrong checks counted on ``dossier``'s code since it was last reopened."""
    return TrackingGuard.objects.filter(dossier_id=dossier.pk).values_list("failures", flat=True).first() or 0


def tracking_locked(dossier: Dossier) -> bool:
    return tracking_failures(dossier) >= FACTOR_TRIES


@transaction.atomic
def tracking_unlock(*, dossier: Dossier, actor: Actor) -> None:
    """The desk reopens check-digit lookups of ``dossier``'s code (the applicant asked, with their papers): the
    count of wrong checks starts again from zero; the history records who did it and how many there were."""
    locked = lock(dossier.pk)
    require(actor, Action.RECEIVE, locked)
    guard = TrackingGuard.objects.select_for_update().filter(dossier_id=locked.pk).first()
    if guard is None or guard.failures == 0:
        raise Conflict(_("Tracking by check digits is not locked for this dossier."), code="tracking_not_locked")
    failures = guard.failures
    TrackingGuard.objects.filter(dossier_id=locked.pk).update(failures=0)
    event = DossierEvent(
        dossier=locked, at=clock.now(), actor=user_of(actor), action="tracking_unlock",
        from_state=locked.state, to_state=locked.state, payload={"failures": failures},
    )  # fmt: skip
    audit.record(locked.pk, [event])


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
    apology = Apology.objects.filter(dossier=dossier).first()
    steps = [
        _step_view(step, now) for step in dossier.steps.select_related("agency", "unit").order_by("position", "pk")
    ]
    return {
        "code": dossier.code or dossier.reference,
        "procedure": dossier.procedure_version.name,
        "state": dossier.state,
        "state_label": str(State(dossier.state).label),
        "national_status": dossier.national_status,
        "desk": dossier.receiving_agency.name,
        "received_at": _fmt(dossier.received_at),
        "appointment_at": _fmt(dossier.appointment_at),
        "original_appointment": _fmt(apology.previous_appointment) if apology is not None else None,
        "decided_at": _fmt(dossier.decided_at),
        "returned_at": _fmt(dossier.returned_at),
        "steps": steps,
        "history": [
            {"at": _fmt(e.at), "action": e.action, "label": str(e.label), "new_appointment": _fmt(e.new_appointment)}
            for e in applicant_timeline(dossier.events.order_by("at", "pk"), with_text=False)
        ],
    }
