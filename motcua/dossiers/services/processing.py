"""Processing along the internal process: transfer, assign, notes, hand-over, consultation, pause and resume."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, acting_user
from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.dossiers import timing
from motcua.dossiers.models import Dossier, Pause, PauseReason, Step, StepStatus
from motcua.dossiers.services.building import ComponentInput
from motcua.dossiers.services.common import notify_applicant, open_pause, required
from motcua.dossiers.services.intake import put_components
from motcua.dossiers.services.transitions import admit, apply
from motcua.orgs.models import Agency, Role, StaffRole, Unit
from motcua.workcalendar.units import TimeUnit

#: RULES §6: a supplement after appraisal must be requested within 3 working days of reception, counted in the
#: working calendar of the dossier's desk (its days off, swapped days and office hours), as every dossier deadline.
APPRAISAL_SUPPLEMENT_WINDOW_DAYS = 3


def _step(dossier: Dossier, step_id: int) -> Step:
    step = dossier.steps.select_related("agency", "unit").filter(pk=step_id).first()
    if step is None:
        raise NotFound(_("This dossier has no step %(id)s.") % {"id": step_id}, code="step_not_found")
    return step


def active_steps(dossier: Dossier) -> list[Step]:
    return list(dossier.steps.filter(status=StepStatus.ACTIVE).select_related("agency", "unit"))


def _activate_next(dossier: Dossier, now: dt.datetime, receiver: User | None = None) -> list[Step]:
    """When no regular step is active, start the next group of pending steps (same parallel group)."""
    if dossier.steps.filter(status=StepStatus.ACTIVE, is_consultation=False).exists():
        return []
    pending = list(dossier.steps.filter(status=StepStatus.PENDING, is_consultation=False).order_by("position", "pk"))
    if not pending:
        return []
    group = [pending[0]]
    for step in pending[1:]:
        if step.parallel_group and step.parallel_group == group[0].parallel_group:
            group.append(step)
        else:
            break
    for step in group:
        step.status, step.started_at = StepStatus.ACTIVE, now
        if receiver is not None and len(group) == 1:
            step.received_by = step.assignee = receiver
        step.save(update_fields=["status", "started_at", "received_by", "assignee"])
    return group


def _finish(step: Step, actor: Actor, now: dt.datetime) -> None:
    step.status, step.finished_at, step.handed_over_by = StepStatus.DONE, now, acting_user(actor)
    step.save(update_fields=["status", "finished_at", "handed_over_by"])


@transaction.atomic
def dossier_transfer(
    *, actor: Actor, dossier_id: int, to_user: User | None = None, expected_version: int | None = None
) -> Dossier:
    """The desk hands the received dossier over to the handling unit (same day, or next morning after 15:00)."""
    dossier = admit(dossier_id, "transfer", actor, expected_version)
    now = clock.now()
    for step in active_steps(dossier):
        if step.kind == "receive":
            _finish(step, actor, now)
    started = _activate_next(dossier, now, to_user)
    late = dossier.transfer_due_at is not None and now > dossier.transfer_due_at
    apply(dossier, "transfer", actor, payload={"late": late, "steps": [s.pk for s in started]})
    return dossier


def _holds_role(user: User, step: Step) -> bool:
    roles = StaffRole.objects.filter(user=user, agency=step.agency, role=step.role, is_active=True)
    if step.unit_id:
        roles = roles.filter(unit=step.unit)
    return (
        roles.exists()
        or StaffRole.objects.filter(
            user=user, agency=step.agency, role=Role.LEADER, is_active=True, unit__isnull=True
        ).exists()
    )


@transaction.atomic
def dossier_assign(
    *, actor: Actor, dossier_id: int, step_id: int, assignee: User, expected_version: int | None = None
) -> Dossier:
    """The head of the handling unit assigns (or reassigns) a person to a step."""
    dossier = admit(dossier_id, "assign", actor, expected_version)
    step = _step(dossier, step_id)
    if step.status == StepStatus.DONE:
        raise Conflict(_("This step is already done."), code="step_done")
    if not _holds_role(assignee, step):
        raise ValidationFailed(
            _("%(user)s is not a %(role)s at %(agency)s.")
            % {"user": assignee.get_full_name(), "role": Role(step.role).label, "agency": step.agency.name},
            code="assignee_role",
            fields={"assignee": _("Does not hold the step's role there.")},
        )
    previous = step.assignee_id
    step.assignee = assignee
    step.save(update_fields=["assignee"])
    apply(
        dossier,
        "assign",
        actor,
        agency_obj=step.agency,
        payload={"step": step.pk, "assignee": assignee.pk, "previous": previous},
    )
    return dossier


NOTE_KINDS = {"appraisal", "verification", "site_visit", "other"}


@transaction.atomic
def dossier_note(
    *,
    actor: Actor,
    dossier_id: int,
    step_id: int,
    kind: str,
    content: str,
    place: str = "",
    participants: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Appraisal, verification and site-visit notes (time, place, participants, content)."""
    dossier = admit(dossier_id, "note", actor, expected_version)
    step = _step(dossier, step_id)
    if kind not in NOTE_KINDS:
        raise ValidationFailed(_("Unknown kind of note."), fields={"kind": sorted(NOTE_KINDS)})
    content = required(content, "content", _("Write the content of the note."))
    now = clock.now()
    step.notes = (step.notes + "\n" if step.notes else "") + f"[{now.astimezone(clock.VN_TZ):%d/%m/%Y %H:%M}] {content}"
    step.save(update_fields=["notes"])
    apply(
        dossier, "note", actor, agency_obj=step.agency, reason=content,
        payload={"step": step.pk, "kind": kind, "place": place, "participants": participants},
    )  # fmt: skip
    return dossier


@transaction.atomic
def dossier_handover(
    *,
    actor: Actor,
    dossier_id: int,
    step_id: int,
    to_user: User | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """A step is done: it is handed over (form 05 records who gave, who received, when)."""
    dossier = admit(dossier_id, "handover", actor, expected_version)
    step = _step(dossier, step_id)
    if step.status != StepStatus.ACTIVE:
        raise Conflict(_("Only a step in hand can be handed over."), code="step_not_active")
    if step.kind == "decide":
        raise Conflict(_("The decision step is completed by deciding and signing."), code="use_decide")
    if step.kind == "return":
        raise Conflict(_("The return step is completed when the result is sent to the desk."), code="use_send_to_desk")
    now = clock.now()
    _finish(step, actor, now)
    started = _activate_next(dossier, now, to_user)
    apply(
        dossier, "handover", actor, agency_obj=step.agency, reason=note,
        payload={"step": step.pk, "to": [s.pk for s in started], "to_user": getattr(to_user, "pk", None),
                 "timeliness": timing.classify(now, step.due_at)},
    )  # fmt: skip
    return dossier


@transaction.atomic
def dossier_consult(
    *,
    actor: Actor,
    dossier_id: int,
    agency: Agency,
    content: str,
    hours: int,
    unit: Unit | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Ask another body for its opinion with content and a deadline; it appears in that agency's queue."""
    dossier = admit(dossier_id, "consult", actor, expected_version)
    content = required(content, "content", _("Say what the consulted agency must answer."))
    if not 1 <= hours <= 8 * 60:
        raise ValidationFailed(
            _("The consultation deadline must be between 1 and 480 working hours."), fields={"hours": _("1–480.")}
        )
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationFailed(
            _("The unit does not belong to the consulted agency."), fields={"unit": _("Wrong agency.")}
        )
    now = clock.now()
    position = (dossier.steps.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    step = Step.objects.create(
        dossier=dossier, position=position, kind="consult", agency=agency, unit=unit, role=Role.SPECIALIST,
        description=content[:500], duration_minutes=hours * 60, status=StepStatus.ACTIVE, started_at=now,
        is_consultation=True, due_at=timing.add_minutes(now, hours * 60, timing.calendar_for(agency)),
    )  # fmt: skip
    apply(
        dossier,
        "consult",
        actor,
        reason=content,
        payload={"step": step.pk, "agency": agency.code, "due": step.due_at.isoformat() if step.due_at else None},
    )
    return dossier


@transaction.atomic
def dossier_pause(
    *,
    actor: Actor,
    dossier_id: int,
    reason: str,
    note: str = "",
    items: list[str] | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Stop the clock: waiting for the applicant, for a financial obligation, or a supplement after appraisal."""
    dossier = admit(dossier_id, "pause", actor, expected_version)
    if reason not in PauseReason.values:
        raise ValidationFailed(_("Unknown pause reason."), code="pause_reason", fields={"reason": PauseReason.values})
    now = clock.now()
    if reason == PauseReason.APPRAISAL_SUPPLEMENT and dossier.received_at is not None:
        calendar = timing.calendar_for(dossier.receiving_agency)
        window_end = timing.add_working_time(
            start=dossier.received_at, amount=APPRAISAL_SUPPLEMENT_WINDOW_DAYS, unit=TimeUnit.WORKING_DAY,
            calendar=calendar,
        )  # fmt: skip
        if now > window_end:
            elapsed = timing.working_minutes_between(dossier.received_at, now, calendar)
            raise Conflict(
                _(
                    "A supplement after appraisal must be requested within %(window)d working days of reception "
                    "(by %(end)s); it is now %(days).1f working days. Pause for the applicant instead (it counts as "
                    "a supplement request)."
                )
                % {"window": APPRAISAL_SUPPLEMENT_WINDOW_DAYS, "end": window_end.astimezone(clock.VN_TZ)
                   .strftime("%H:%M %d/%m/%Y"), "days": elapsed / calendar.minutes_per_day},
                code="appraisal_window_passed",
            )  # fmt: skip
    if reason in (PauseReason.APPLICANT, PauseReason.APPRAISAL_SUPPLEMENT):
        dossier.supplement_requests += 1
    Pause.objects.create(dossier=dossier, reason=reason, note=note, started_at=now)
    apply(
        dossier, "pause", actor, reason=note,
        payload={"reason": reason, "items": items or [], "supplement_requests": dossier.supplement_requests,
                 "counts_as_overdue": dossier.supplement_requests > 1},
    )  # fmt: skip
    if reason != PauseReason.FINANCIAL or note:
        notify_applicant(
            dossier,
            _("Dossier %(code)s is waiting for you") % {"code": dossier.code},
            _("Processing of dossier %(code)s is paused: %(reason)s. %(note)s")
            % {"code": dossier.code, "reason": PauseReason(reason).label, "note": note},
        )
    return dossier


def _shift(moment: dt.datetime | None, minutes: int, calendar: Any) -> dt.datetime | None:
    return None if moment is None else timing.add_minutes(moment, minutes, calendar)


@transaction.atomic
def dossier_resume(*, actor: Actor, dossier_id: int, note: str = "", expected_version: int | None = None) -> Dossier:
    """Restart the clock. Every open deadline moves by exactly the paused working time; after a supplement
    requested at appraisal the limit restarts from zero."""
    dossier = admit(dossier_id, "resume", actor, expected_version)
    pause = open_pause(dossier)
    if pause is None:
        raise Conflict(_("The dossier is not paused."), code="not_paused")
    _restart_clock(dossier, pause, actor, "resume", note)
    return dossier


#: Pauses the applicant answers (online, or at the desk): they wait for the applicant's documents.
ANSWERABLE_PAUSES = (PauseReason.APPLICANT, PauseReason.APPRAISAL_SUPPLEMENT)


@transaction.atomic
def dossier_answer_pause(
    *, actor: Actor, dossier_id: int, items: list[ComponentInput], expected_version: int | None = None
) -> Dossier:
    """The applicant answers a pause that waits for their documents (a supplement after appraisal, or the
    applicant's documents): the corrected components are stored and processing resumes by the rules of
    :func:`dossier_resume` (after appraisal the limit restarts from zero; otherwise deadlines move by the pause)."""
    dossier = admit(dossier_id, "answer_pause", actor, expected_version)
    pause = open_pause(dossier)
    if pause is None or pause.reason not in ANSWERABLE_PAUSES:
        raise Conflict(_("The dossier is not waiting for documents from the applicant."), code="not_waiting")
    if not items:
        raise ValidationFailed(
            _("Attach at least one corrected document."), code="nothing_attached", fields={"components": _("Empty.")}
        )
    rows = put_components(dossier, items, actor)
    _restart_clock(dossier, pause, actor, "answer_pause", "", {"components": [r.component_id for r in rows]})
    return dossier


def _restart_clock(
    dossier: Dossier, pause: Pause, actor: Actor, verb: str, note: str, extra: dict[str, Any] | None = None
) -> None:
    """End ``pause`` now and restart the clock (the caller holds the lock and admitted ``verb``)."""
    now = clock.now()
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    calendar = timing.calendar_for(dossier.receiving_agency)
    open_steps = list(
        dossier.steps.exclude(status__in=[StepStatus.DONE, StepStatus.SKIPPED]).order_by("position", "pk")
    )
    if pause.reason == PauseReason.APPRAISAL_SUPPLEMENT:
        dossier.clock_start_at = now
        dossier.due_at = timing.add_working_time(
            start=now, amount=dossier.limit_amount, unit=dossier.limit_unit, calendar=calendar
        )
        if not hasattr(dossier, "apology"):
            dossier.appointment_at = dossier.due_at
        timing.schedule([s for s in open_steps if not s.is_consultation], now, calendar)
        shifted = 0
    else:
        shifted = timing.working_minutes_between(pause.started_at, now, calendar)
        dossier.due_at = _shift(dossier.due_at, shifted, calendar)
        dossier.appointment_at = _shift(dossier.appointment_at, shifted, calendar)
        for step in open_steps:
            step.due_at = _shift(step.due_at, shifted, calendar)
    Step.objects.bulk_update(open_steps, ["due_at"])
    apply(
        dossier,
        verb,
        actor,
        reason=note,
        payload={
            "reason": pause.reason,
            "paused_minutes": shifted,
            "due": dossier.due_at.isoformat() if dossier.due_at else None,
            **(extra or {}),
        },
    )
