"""Decision, result documents, return to the desk and to the applicant, apology and re-appointment, stop, fees."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.actors import Actor, acting_user
from motcua.core import clock, siteurl
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers import preconditions, timing, tracking
from motcua.dossiers.fees import fee_status
from motcua.dossiers.files import store_upload
from motcua.dossiers.locks import check_seen_version
from motcua.dossiers.models import (
    Apology,
    Dossier,
    DossierFile,
    FeeExemption,
    Outcome,
    Payment,
    PaymentMethod,
    PaymentStatus,
    ReturnMethod,
    StepStatus,
)
from motcua.dossiers.services.common import notify_applicant, queue_portal_status, required
from motcua.dossiers.services.transitions import admit, apply

#: NĐ 61/2018 art. 21.7: one re-appointment per dossier.
APOLOGY_ONCE = gettext_noop(
    "A re-appointment is allowed only once: an apology and new appointment was already issued for this dossier "
    "(NĐ 61/2018)."
)


def _fmt(moment: dt.datetime | None) -> str:
    return moment.astimezone(clock.VN_TZ).strftime("%H:%M %d/%m/%Y") if moment else ""


@transaction.atomic
def dossier_decide(
    *, actor: Actor, dossier_id: int, outcome: str, reason: str = "", expected_version: int | None = None
) -> Dossier:
    """Approve, or refuse after appraisal (with the reason), signed by a leader of the handling agency or a deputy
    holding a delegation. Open consultations must be answered first."""
    dossier = admit(dossier_id, "decide", actor, expected_version)
    if outcome not in Outcome.values:
        raise ValidationFailed(_("The outcome is approved or refused."), fields={"outcome": Outcome.values})
    if outcome == Outcome.REFUSED:
        reason = required(reason, "reason", _("A refusal after appraisal needs its reason."))
    if dossier.steps.filter(is_consultation=True, status=StepStatus.ACTIVE).exists():
        raise Conflict(_("A consultation is still waiting for its answer."), code="consultation_open")
    open_step = preconditions.other_open_step(preconditions.Facts(dossier))
    if open_step is not None:
        raise Conflict(
            _("The step “%(step)s” is still in hand; hand it over before deciding.")
            % {"step": open_step.description or open_step.kind},
            code="step_open",
        )
    now = clock.now()
    for step in dossier.steps.filter(status=StepStatus.ACTIVE, is_consultation=False):
        step.status, step.finished_at, step.handed_over_by = StepStatus.DONE, now, acting_user(actor)
        step.save(update_fields=["status", "finished_at", "handed_over_by"])
    dossier.decided_at, dossier.outcome, dossier.decision_reason = now, outcome, reason
    apply(dossier, "decide", actor, agency_obj=dossier.handling_agency, reason=reason, payload={"outcome": outcome})
    return dossier


@transaction.atomic
def dossier_attach_result(
    *,
    actor: Actor,
    dossier_id: int,
    title: str,
    file_name: str,
    content: bytes | File,
    expected_version: int | None = None,
) -> Dossier:
    """Attach a digitised result document (PDF/JPEG/PNG)."""
    dossier = admit(dossier_id, "attach_result", actor, expected_version)
    title = required(title, "title", _("Name the result document."))
    stored = store_upload(name=file_name, data=content, uploaded_by=actor, owner_applicant=dossier.applicant)
    DossierFile.objects.create(
        dossier=dossier, kind=DossierFile.KIND_RESULT, title=title, file=stored, attached_by=acting_user(actor)
    )
    apply(
        dossier,
        "attach_result",
        actor,
        agency_obj=dossier.handling_agency,
        payload={"title": title, "sha256": stored.sha256},
    )
    return dossier


@transaction.atomic
def dossier_send_to_desk(*, actor: Actor, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The handling agency sends the result to the desk that received the dossier."""
    dossier = admit(dossier_id, "send_to_desk", actor, expected_version)
    if not preconditions.result_attached(preconditions.Facts(dossier)):
        raise ValidationFailed(
            _("Attach the result document (digitised) before sending it to the desk."),
            code="result_missing",
            fields={"result": _("No result document.")},
        )
    now = clock.now()
    for step in dossier.steps.exclude(status__in=[StepStatus.DONE, StepStatus.SKIPPED]):
        step.status = StepStatus.DONE if step.kind == "return" else StepStatus.SKIPPED
        step.finished_at, step.handed_over_by = now, acting_user(actor)
        step.save(update_fields=["status", "finished_at", "handed_over_by"])
    dossier.result_ready_at = now
    apply(dossier, "send_to_desk", actor, agency_obj=dossier.handling_agency)
    notify_applicant(
        dossier,
        _("Result of dossier %(code)s is ready") % {"code": dossier.code},
        _("The result of dossier %(code)s is ready at %(desk)s.")
        % {"code": dossier.code, "desk": dossier.receiving_agency.name},
    )
    return dossier


@transaction.atomic
def dossier_return_result(
    *, actor: Actor, dossier_id: int, method: str, note: str = "", expected_version: int | None = None
) -> Dossier:
    """The result goes to the applicant at the desk, by post or online; early return is welcome (with notice)."""
    dossier = admit(dossier_id, "return_result", actor, expected_version)
    if method not in ReturnMethod.values:
        raise ValidationFailed(_("Return at the desk, by post or online."), fields={"method": ReturnMethod.values})
    fees = fee_status(dossier)
    if not fees.settled:
        unpaid = "; ".join(f"{s.line.name}: {s.unpaid:,} đ".replace(",", ".") for s in fees.unpaid_lines)
        message = _(
            "The fees are not paid: %(lines)s. Record the payment, or the exemption with its ground, first."
        ) % {"lines": unpaid}
        raise ValidationFailed(message, code="fees_unpaid", fields={"method": message})
    now = clock.now()
    dossier.returned_at, dossier.return_method = now, method
    early = dossier.appointment_at is not None and now < dossier.appointment_at
    apply(dossier, "return_result", actor, reason=note, payload={"method": method, "early": early})
    if dossier.code:  # always set once received; the rating page is reached by it
        notify_applicant(
            dossier,
            _("Dossier %(code)s: result returned") % {"code": dossier.code},
            _("The result of dossier %(code)s was returned. Rate how it was handled: %(url)s")
            % {"code": dossier.code, "url": siteurl.absolute(tracking.rating_url(dossier.code))},
        )
    return dossier


def check_new_appointment(dossier: Dossier, new_appointment: dt.datetime) -> None:
    """A new appointment is a working moment (a working day, within office hours of the receiving desk's
    calendar) after now and after the current appointment."""

    def invalid(message: str, code: str) -> ValidationFailed:
        return ValidationFailed(message, code=code, fields={"new_appointment": message})

    if new_appointment.tzinfo is None:
        raise invalid(_("The new appointment needs a time zone."), "appointment_naive")
    now = clock.now()
    if new_appointment <= now:
        raise invalid(
            _("The new appointment (%(new)s) is in the past: choose a moment after now (%(now)s).")
            % {"new": _fmt(new_appointment), "now": _fmt(now)},
            "appointment_in_past",
        )
    if dossier.appointment_at is not None and new_appointment <= dossier.appointment_at:
        raise invalid(
            _("The new appointment must be after the current one (%(current)s).")
            % {"current": _fmt(dossier.appointment_at)},
            "appointment_not_later",
        )
    if not timing.is_working_moment(new_appointment, timing.calendar_for(dossier.receiving_agency)):
        raise invalid(
            _("The new appointment (%(new)s) is not a working moment: choose a working day within office hours.")
            % {"new": _fmt(new_appointment)},
            "appointment_not_working",
        )


@transaction.atomic
def dossier_apologise(
    *, actor: Actor, dossier_id: int, reason: str, new_appointment: dt.datetime, expected_version: int | None = None
) -> Dossier:
    """Form 04: the head of the handling agency apologises and gives a new appointment — at most once.

    Lateness stays judged against the original due moment; the apology counts against the agency. It is flagged
    when issued less than 1 working day before the due moment (the rule asks for at least one).
    """
    # The rule (once only) is checked before the version seen: a second attempt from a page opened before the
    # first one was issued must hear that the law allows one re-appointment, not that someone changed the dossier.
    dossier = admit(dossier_id, "apologise", actor)
    if not preconditions.not_apologised(preconditions.Facts(dossier)):
        raise Conflict(
            _(APOLOGY_ONCE),
            code="apology_once",
        )  # fmt: skip
    check_seen_version(dossier, expected_version)
    reason = required(reason, "reason", _("Give the reason for the delay: Form 04 states it to the applicant."))
    check_new_appointment(dossier, new_appointment)
    now = clock.now()
    late_notice = True
    if dossier.due_at is not None:
        left = timing.working_minutes_between(now, dossier.due_at, timing.calendar_for(dossier.receiving_agency))
        late_notice = left < timing.calendar_for(dossier.receiving_agency).minutes_per_day
    previous = dossier.appointment_at or now
    try:
        with transaction.atomic():
            Apology.objects.create(
                dossier=dossier, issued_at=now, issued_by=acting_user(actor), agency=dossier.handling_agency,
                reason=reason,
                previous_appointment=previous, new_appointment=new_appointment, late_notice=late_notice,
            )  # fmt: skip
    except IntegrityError as exc:
        raise Conflict(
            _(APOLOGY_ONCE),
            code="apology_once",
        ) from exc  # fmt: skip
    dossier.appointment_at = new_appointment
    event = apply(
        dossier, "apologise", actor, agency_obj=dossier.handling_agency, reason=reason,
        payload={"previous": previous.isoformat(), "new": new_appointment.isoformat(), "late_notice": late_notice},
    )  # fmt: skip
    queue_portal_status(dossier, event)  # the state stays, but the national portal learns the new appointment
    notify_applicant(
        dossier,
        _("Dossier %(code)s: apology and new appointment") % {"code": dossier.code},
        _("We apologise: dossier %(code)s will be late (%(reason)s). New appointment: %(new)s.")
        % {"code": dossier.code, "reason": reason, "new": _fmt(new_appointment)},
    )
    return dossier


@transaction.atomic
def dossier_stop(*, actor: Actor, dossier_id: int, reason: str, expected_version: int | None = None) -> Dossier:
    """Stop at the applicant's request after reception (terminal)."""
    dossier = admit(dossier_id, "stop", actor, expected_version)
    reason = required(reason, "reason", _("Record the applicant's request to stop."))
    now = clock.now()
    dossier.closed_at = now
    pause = dossier.pauses.filter(ended_at__isnull=True).first()
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
    dossier.steps.exclude(status=StepStatus.DONE).update(status=StepStatus.SKIPPED)
    apply(dossier, "stop", actor, reason=reason)
    return dossier


@transaction.atomic
def dossier_exempt_fees(*, actor: Actor, dossier_id: int, reason: str, expected_version: int | None = None) -> Dossier:
    """Record that the dossier owes no fee (an exempt applicant, a waived fee): who, when and on what ground."""
    dossier = admit(dossier_id, "exempt_fees", actor, expected_version)
    reason = required(reason, "reason", _("State the ground for the exemption (the legal basis or the decision)."))
    facts = preconditions.Facts(dossier)
    if not preconditions.owes_fees(facts):
        raise Conflict(_("This dossier owes no fee."), code="no_fee")
    if not preconditions.not_exempt(facts):
        raise Conflict(_("An exemption is already recorded for this dossier."), code="exemption_exists")
    now = clock.now()
    FeeExemption.objects.create(dossier=dossier, recorded_at=now, recorded_by=acting_user(actor), reason=reason)
    apply(dossier, "exempt_fees", actor, reason=reason, payload={"fee_total": dossier.fee_total})
    return dossier


@transaction.atomic
def dossier_record_payment(
    *,
    actor: Actor,
    dossier_id: int,
    method: str,
    amount: int,
    receipt_no: str,
    gateway: int | None = None,
    paid_at: dt.datetime | None = None,
    expected_version: int | None = None,
) -> Payment:
    """Record a fee payment taken at the desk, by post or online (gateway 1 national platform, 2 local)."""
    dossier = admit(dossier_id, "record_payment", actor, expected_version)
    if method not in PaymentMethod.values:
        raise ValidationFailed(_("Unknown payment method."), fields={"method": PaymentMethod.values})
    if method == PaymentMethod.ONLINE and gateway not in (1, 2):
        raise ValidationFailed(_("An online payment names its gateway (1 or 2)."), fields={"gateway": [1, 2]})
    if method != PaymentMethod.ONLINE:
        gateway = None
    if amount <= 0:
        raise ValidationFailed(_("The amount must be positive."), fields={"amount": _("Positive VND.")})
    receipt_no = required(receipt_no, "receipt_no", _("The receipt number is required."))
    if Payment.objects.filter(method=method, receipt_no=receipt_no).exists():
        raise Conflict(_("Receipt %(no)s is already recorded.") % {"no": receipt_no}, code="receipt_duplicate")
    payment = Payment.objects.create(
        dossier=dossier, method=method, gateway=gateway, amount=amount, paid_at=paid_at or clock.now(),
        receipt_no=receipt_no, status=PaymentStatus.PAID, recorded_by=acting_user(actor),
    )  # fmt: skip
    apply(dossier, "record_payment", actor, payload={"amount": amount, "method": method, "receipt_no": receipt_no})
    return payment
