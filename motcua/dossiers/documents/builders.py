"""The data of each form, built from what was recorded when the form was issued.

A form is *issued by* a recorded fact: the receipt by the ``receive`` event, a request to supplement by a
``request_supplement`` event (at reception) or a ``pause`` for the applicant's documents (after reception), the
refusal by the ``refuse`` event, the apology by the ``Apology`` row (``apologise`` event), the 2025 stop notice by
the ``stop`` event. Fields that change later are taken from the fact, not the current row: the receipt shows the
appointment given at reception (a pause or an apology moves ``appointment_at`` later), a request to supplement lists
the items of its own event. The control sheet is a living record: it shows the steps as they are when printed.

Each builder returns plain JSON-able data in which every value is already the text printed on the form, so a
stored copy (``services``) renders again to the same text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.catalog.models import Component
from motcua.core.errors import Conflict
from motcua.dossiers import timing, tracking
from motcua.dossiers.documents import sets, text
from motcua.dossiers.models import Apology, Channel, Dossier, DossierEvent, PauseReason, Step, StepStatus
from motcua.orgs.models import Agency

FormData = dict[str, Any]

SUPPLEMENT_PAUSES = (PauseReason.APPLICANT, PauseReason.APPRAISAL_SUPPLEMENT)

STEP_KINDS = {
    "receive": "Tiếp nhận hồ sơ",
    "appraise": "Thẩm định hồ sơ",
    "verify": "Xác minh",
    "consult": "Lấy ý kiến",
    "decide": "Phê duyệt, ký kết quả",
    "return": "Trả kết quả",
}


def issuing_events(dossier: Dossier, kind: str, events: list[DossierEvent]) -> list[DossierEvent]:
    """The recorded events that issued a form of ``kind`` for ``dossier``, oldest first."""
    if kind == sets.RECEIPT:
        return [e for e in events if e.action == "receive"] if dossier.code and dossier.received_at else []
    if kind == sets.SUPPLEMENT:
        return [
            e
            for e in events
            if e.action == "request_supplement"
            or (e.action == "pause" and (e.payload or {}).get("reason") in SUPPLEMENT_PAUSES)
        ]
    if kind == sets.REFUSAL:
        return [e for e in events if e.action == "refuse"]
    if kind == sets.APOLOGY:
        return [e for e in events if e.action == "apologise"]
    if kind == sets.STOP:
        return [e for e in events if e.action == "stop"]
    return []


NOT_APPLICABLE = {
    sets.RECEIPT: gettext_noop("The dossier has not been received: there is no receipt (form %(number)s)."),
    sets.SUPPLEMENT: gettext_noop(
        "Nothing was requested to be supplemented for this dossier: form %(number)s does not apply."
    ),
    sets.REFUSAL: gettext_noop("The dossier was not refused at reception: form %(number)s does not apply."),
    sets.APOLOGY: gettext_noop("No apology was issued for this dossier: form %(number)s does not apply."),
    sets.STOP: gettext_noop("The dossier was not stopped: form %(number)s does not apply."),
    sets.CONTROL: gettext_noop("The dossier has not been received: it has no control sheet (form %(number)s) yet."),
}


def not_applicable(kind: str, number: str) -> Conflict:
    return Conflict(_(NOT_APPLICABLE[kind]) % {"number": number}, code="form_not_applicable")


def person(user: Any) -> str:
    return user.get_full_name() if user is not None else ""


def heading(agency: Agency, moment: dt.datetime) -> FormData:
    """The agency heading (governing body above, the agency in bold) and the place and date line."""
    return {
        "parent": text.upper(agency.parent.name) if agency.parent_id and agency.parent else "",
        "agency": text.upper(agency.name),
        "agency_name": agency.name,
        "place": text.place_of(agency),
        "date": text.legal_date(text.local(moment).date()),
    }


def applicant_block(dossier: Dossier) -> FormData:
    applicant = dossier.applicant
    return {
        "name": applicant.name,
        "address": applicant.address,
        "phone": applicant.phone,
        "email": applicant.email,
        "submitter": dossier.representative.name if dossier.representative_id and dossier.representative else "",
    }


def _form(form_set: sets.FormSet, form: sets.FormDef, issued_at: dt.datetime) -> FormData:
    return {
        "set": form_set.key,
        "legal_basis": form_set.legal_basis,
        "number": form.number,
        "title": form.title,
        "issued_at": issued_at.isoformat(),
    }


def appointment_as_received(dossier: Dossier, events: list[DossierEvent]) -> dt.datetime | None:
    """The appointment written on the receipt at reception.

    ``appointment_at`` moves later with pauses and an apology; when neither happened it is still the one given
    (or the one a calendar correction moved, which the applicant was told). Otherwise it is computed again the way
    reception did: the committed limit from the reception moment in the desk's calendar.
    """
    if dossier.received_at is None:
        return None
    if not any(e.action in ("pause", "apologise") for e in events):
        return dossier.appointment_at
    return timing.add_working_time(
        start=dossier.received_at,
        amount=dossier.limit_amount,
        unit=dossier.limit_unit,
        calendar=timing.calendar_for(dossier.receiving_agency),
    )


def _collect_at(dossier: Dossier) -> str:
    desk = dossier.receiving_agency
    if dossier.channel == Channel.POSTAL:
        return "Qua dịch vụ bưu chính công ích"
    if dossier.channel == Channel.ONLINE:
        return f"Trực tuyến hoặc tại {desk.name}" + (f", {desk.address}" if desk.address else "")
    return desk.name + (f", {desk.address}" if desk.address else "")


def receipt(
    form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, event: DossierEvent, events: list[DossierEvent],
    base_url: str,
) -> FormData:  # fmt: skip
    assert dossier.code is not None  # noqa: S101 - checked by issuing_events
    assert dossier.received_at is not None  # noqa: S101
    components = [
        {
            "name": c.name,
            "originals": text.count(c.originals),
            "certified": text.count(c.certified_copies),
            "copies": text.count(c.copies),
        }
        for c in dossier.components.order_by("pk")
    ]
    return {
        "form": _form(form_set, form, dossier.received_at),
        "heading": heading(dossier.receiving_agency, dossier.received_at),
        "code": dossier.code,
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "note": dossier.note,
        "components": components,
        "sets": text.count(dossier.sets),
        "limit": text.limit_text(dossier.limit_amount, dossier.limit_unit),
        "received": text.clock_phrase(dossier.received_at),
        "appointment": text.clock_phrase(appointment_as_received(dossier, events)),
        "collect_at": _collect_at(dossier),
        "register_book": str(dossier.register_year or ""),
        "register_line": str(dossier.register_no or ""),
        "receiver": person(event.actor),
        "tracking_url": base_url.rstrip("/") + tracking.tracking_url(dossier.code),
    }


def _supplement_items(event: DossierEvent) -> list[FormData]:
    items = (event.payload or {}).get("items") or []
    ids = [i.get("component_id") for i in items if isinstance(i, dict) and i.get("component_id")]
    catalogue = {c.pk: c for c in Component.objects.filter(pk__in=ids)} if ids else {}
    rows = []
    for item in items:
        if isinstance(item, dict):
            component = catalogue.get(item.get("component_id") or 0)
            rows.append(
                {
                    "name": str(item.get("name", "")),
                    "reason": str(item.get("reason", "")),
                    "originals": text.count(component.originals) if component else "",
                    "certified": text.count(component.certified_copies) if component else "",
                    "copies": text.count(component.copies) if component else "",
                }
            )
        else:
            rows.append({"name": str(item), "reason": "", "originals": "", "certified": "", "copies": ""})
    return rows


def supplement(
    form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, event: DossierEvent, events: list[DossierEvent],
    base_url: str,
) -> FormData:  # fmt: skip
    at_reception = event.action == "request_supplement"
    agency = dossier.receiving_agency if at_reception else dossier.handling_agency
    reason = event.reason
    if not at_reception:
        pause_reason = (event.payload or {}).get("reason", "")
        if pause_reason == PauseReason.APPRAISAL_SUPPLEMENT:
            reason = reason or "Hồ sơ chưa đủ điều kiện giải quyết sau khi thẩm định."
    return {
        "form": _form(form_set, form, event.at),
        "heading": heading(agency, event.at),
        # At reception the dossier has no code yet (it may get one later): the request names its reference.
        "code": dossier.code if not at_reception and dossier.code else dossier.reference,
        "code_label": "Mã hồ sơ" if not at_reception and dossier.code else "Số tham chiếu hồ sơ",
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "items": _supplement_items(event),
        "reason": reason,
        "at_reception": at_reception,
        "officer": person(event.actor),
        "contact_phone": agency.phone,
        "contact_agency": agency.name,
    }


def refusal(
    form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, event: DossierEvent, events: list[DossierEvent],
    base_url: str,
) -> FormData:  # fmt: skip
    return {
        "form": _form(form_set, form, event.at),
        "heading": heading(dossier.receiving_agency, event.at),
        "code": dossier.reference,
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "reason": event.reason,
        "officer": person(event.actor),
        "desk": dossier.receiving_agency.name,
    }


def apology(
    form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, event: DossierEvent, events: list[DossierEvent],
    base_url: str,
) -> FormData:  # fmt: skip
    row = Apology.objects.select_related("agency__parent", "issued_by").get(dossier=dossier)
    assert dossier.received_at is not None  # noqa: S101 - an apology needs a received dossier
    return {
        "form": _form(form_set, form, row.issued_at),
        "heading": heading(row.agency, row.issued_at),
        "code": dossier.code,
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "received_date": text.legal_date(text.local(dossier.received_at).date()),
        "agency": row.agency.name,
        "desk": dossier.receiving_agency.name,
        "previous": text.clock_phrase(row.previous_appointment),
        "new": text.clock_phrase(row.new_appointment),
        "reason": row.reason,
        "signer": person(row.issued_by),
    }


def stop(
    form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, event: DossierEvent, events: list[DossierEvent],
    base_url: str,
) -> FormData:  # fmt: skip
    return {
        "form": _form(form_set, form, event.at),
        "heading": heading(dossier.receiving_agency, event.at),
        "code": dossier.code,
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "received_date": text.legal_date(text.local(dossier.received_at).date()) if dossier.received_at else "",
        "stopped": text.clock_phrase(event.at),
        "reason": event.reason,
        "officer": person(event.actor),
        "desk": dossier.receiving_agency.name,
    }


def _step_row(step: Step, now: dt.datetime) -> FormData:
    place = step.unit.name if step.unit else ""
    agency = step.agency.short_name or step.agency.name
    shown = step.status in (StepStatus.ACTIVE, StepStatus.DONE)
    result = ""
    if step.status == StepStatus.DONE:
        result = text.TIMELINESS[timing.classify(step.finished_at, step.due_at, now=now)]
    elif step.status == StepStatus.ACTIVE and timing.classify(None, step.due_at, now=now) == timing.LATE:
        result = "Quá hạn (đang giải quyết)"
    notes = []
    if step.is_consultation:
        notes.append("Lấy ý kiến")
    if step.status == StepStatus.SKIPPED:
        notes.append("Không thực hiện")
    return {
        "agency": f"{place} — {agency}" if place else agency,
        "task": step.description or STEP_KINDS.get(step.kind, step.kind),
        "received": text.short_moment(step.started_at) if shown else "",
        "received_by": person(step.received_by) if shown else "",
        "handed": text.short_moment(step.finished_at) if step.status == StepStatus.DONE else "",
        "handed_by": person(step.handed_over_by) if step.status == StepStatus.DONE else "",
        "due": text.short_moment(step.due_at),
        "result": result,
        "notes": "; ".join(notes),
    }


def control(form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier, now: dt.datetime) -> FormData:
    steps = dossier.steps.select_related("agency", "unit", "received_by", "handed_over_by").order_by("position", "pk")
    return {
        "form": _form(form_set, form, now),
        "heading": heading(dossier.receiving_agency, now),
        "code": dossier.code,
        "applicant": applicant_block(dossier),
        "request": dossier.procedure_version.name,
        "lead_agency": dossier.handling_agency.name,
        "received": text.short_moment(dossier.received_at),
        "appointment": text.short_moment(dossier.appointment_at),
        "due": text.short_moment(dossier.due_at),
        "steps": [_step_row(step, now) for step in steps],
        "as_of": text.short_moment(now),
    }


BUILDERS = {
    sets.RECEIPT: receipt,
    sets.SUPPLEMENT: supplement,
    sets.REFUSAL: refusal,
    sets.APOLOGY: apology,
    sets.STOP: stop,
}
