"""Printing a dossier's forms: access-checked, recorded, and always the same text as when the form was issued.

**Store the data, re-render the PDF.** The first print of a form stores the form's data — every field as the text
printed — in its ``print_form`` event (events are append-only, so the stored copy can never be edited). Every later
print of that form renders that stored data again, so the receipt keeps the applicant's address, the agency's
name and the appointment as they were on the day it was handed out, whatever changes afterwards. The data is
built from the recorded facts of the issuing event (see ``builders``). The control sheet is a living record: each
print is a new issue with its own stored data, and any earlier print can be reproduced by its event id.

A print (:func:`form_print`, a POST) writes a ``DossierEvent(action="print_form")`` (who, when, which form, which
set, which issuing event) without changing the dossier's state or ``version``, and publishes it to the event
subscribers. Showing a form (:func:`form_render`, a GET: a link, a preview) writes nothing: it renders the stored
print when there is one, else the form as it would be printed now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers import events as dossier_events
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.documents import builders, render, sets
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.orgs.policy import Action, can

PRINT_ACTION = "print_form"


@dataclass(frozen=True)
class PrintedForm:
    dossier_id: int
    number: str
    kind: str
    title: str
    set_key: str
    filename: str
    pdf: bytes
    data: dict[str, Any]
    print_event_id: int
    source_event_id: int | None
    reprint_of: int | None


@dataclass(frozen=True)
class Issue:
    event_id: int
    at: dt.datetime


@dataclass(frozen=True)
class FormAvailability:
    number: str
    kind: str
    title: str
    set_key: str
    page: str
    applies: bool
    issues: list[Issue] = field(default_factory=list)
    prints: int = 0


def _dossier(actor: Actor, dossier_id: int) -> Dossier:
    """The dossier if ``actor`` may view it; otherwise the same 404 as ``GET /dossiers/{id}`` (no existence leak)."""
    dossier = (
        Dossier.objects.select_related(
            "procedure_version", "receiving_agency__parent", "handling_agency__parent", "applicant", "representative"
        )
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None or not can(actor, Action.VIEW, dossier):
        raise NotFound(_("No such dossier."), code="dossier_not_found")
    return dossier


def form_set_of(dossier: Dossier) -> sets.FormSet:
    """The set a dossier prints with: the one in force on its reception date."""
    return sets.set_on(sets.set_date(dossier.received_at, dossier.submitted_at, dossier.created_at))


def _history(dossier: Dossier) -> list[DossierEvent]:
    return list(dossier.events.exclude(action=PRINT_ACTION).select_related("actor").order_by("at", "pk"))


def _register_not_here(form_set: sets.FormSet, form: sets.FormDef, dossier: Dossier) -> NotFound:
    return NotFound(
        _(
            "Form %(number)s of %(basis)s is the desk's register: print it for a date range at "
            "/api/v1/dossiers/register/%(desk)s.pdf."
        )
        % {"number": form.number, "basis": form_set.legal_basis, "desk": dossier.receiving_agency.code},
        code="form_is_register",
    )


def _issued_print(dossier: Dossier, kind: str, source_id: int) -> DossierEvent | None:
    """The first print of the form of ``kind`` issued by event ``source_id``: it holds the data as issued."""
    return (
        DossierEvent.objects.filter(dossier=dossier, action=PRINT_ACTION, payload__kind=kind, payload__source=source_id)
        .order_by("pk")
        .first()
    )


def _stored(event: DossierEvent) -> DossierEvent:
    """The print event holding the data of ``event`` (itself, or the first print it reproduced)."""
    original = (event.payload or {}).get("reprint_of")
    if "data" in (event.payload or {}) or not original:
        return event
    found = DossierEvent.objects.filter(pk=original, dossier_id=event.dossier_id, action=PRINT_ACTION).first()
    return found or event


def _choose(
    dossier: Dossier, form_set: sets.FormSet, form: sets.FormDef, event_id: int | None, history: list[DossierEvent]
) -> tuple[DossierEvent | None, DossierEvent | None]:
    """(issuing event, stored print to render again) for the request; raises 404/409 when the form does not apply."""
    issued = builders.issuing_events(dossier, form.kind, history)
    if event_id is not None:
        event = DossierEvent.objects.filter(dossier=dossier, pk=event_id).first()
        if event is not None and event.action == PRINT_ACTION and (event.payload or {}).get("kind") == form.kind:
            stored = _stored(event)
            source_id = (stored.payload or {}).get("source")
            return next((e for e in history if e.pk == source_id), None), stored
        if event is None or event not in issued:
            raise NotFound(
                _("Event %(event)s of this dossier did not issue form %(number)s.")
                % {"event": event_id, "number": form.number},
                code="form_event_not_found",
            )
        return event, _issued_print(dossier, form.kind, event.pk)
    if form.kind == sets.CONTROL:
        if dossier.received_at is None:
            raise builders.not_applicable(form.kind, form.number)
        return None, None
    if not issued:
        raise builders.not_applicable(form.kind, form.number)
    return issued[-1], _issued_print(dossier, form.kind, issued[-1].pk)


def _build(
    form_set: sets.FormSet,
    form: sets.FormDef,
    dossier: Dossier,
    source: DossierEvent | None,
    history: list[DossierEvent],
    now: dt.datetime,
    base_url: str,
) -> dict[str, Any]:
    if form.kind == sets.CONTROL:
        return builders.control(form_set, form, dossier, now)
    assert source is not None  # noqa: S101 - every other kind has an issuing event (checked by _choose)
    return builders.BUILDERS[form.kind](form_set, form, dossier, source, history, base_url)


def render_form(data: dict[str, Any]) -> bytes:
    """The PDF of a form's data (fresh or stored): the template of the data's own set and number."""
    form_set = sets.SETS[data["form"]["set"]]
    form = sets.form_of(form_set, data["form"]["number"])
    context: dict[str, Any] = {"d": data, "page": form.page}
    if data.get("tracking_url"):
        context["qr"] = render.qr_data_uri(data["tracking_url"])
    return render.render_pdf(
        form_set.template(form), context, created=dt.datetime.fromisoformat(data["form"]["issued_at"])
    )


@dataclass(frozen=True)
class _Prepared:
    dossier: Dossier
    kind: str
    data: dict[str, Any]
    pdf: bytes
    source: DossierEvent | None
    stored: DossierEvent | None

    @property
    def filename(self) -> str:
        return f"{self.dossier.code or self.dossier.reference}-mau-{self.data['form']['number']}.pdf"


def _prepare(actor: Actor, dossier_id: int, number: str, event_id: int | None, base_url: str) -> _Prepared:
    dossier = _dossier(actor, dossier_id)
    form_set = form_set_of(dossier)
    form = sets.form_of(form_set, number)
    if not form.per_dossier:
        raise _register_not_here(form_set, form, dossier)
    history = _history(dossier)
    source, stored = _choose(dossier, form_set, form, event_id, history)
    if stored is not None:
        data = stored.payload["data"]
    else:
        data = _build(form_set, form, dossier, source, history, clock.now(), base_url)
    return _Prepared(dossier, form.kind, data, render_form(data), source, stored)


def form_render(
    *, actor: Actor, dossier_id: int, number: str, event_id: int | None = None, base_url: str = ""
) -> PrintedForm:
    """Form ``number`` as :func:`form_print` would print it, without recording anything (a read: what a link or a
    preview shows). ``print_event_id`` is the stored print it reproduces, or 0 when it was never printed."""
    prepared = _prepare(actor, dossier_id, number, event_id, base_url)
    data = prepared.data
    return PrintedForm(
        dossier_id=dossier_id, number=data["form"]["number"], kind=prepared.kind, title=data["form"]["title"],
        set_key=data["form"]["set"], filename=prepared.filename, pdf=prepared.pdf, data=data,
        print_event_id=prepared.stored.pk if prepared.stored is not None else 0,
        source_event_id=prepared.source.pk if prepared.source is not None else None,
        reprint_of=prepared.stored.pk if prepared.stored is not None else None,
    )  # fmt: skip


def form_print(
    *, actor: Actor, dossier_id: int, number: str, event_id: int | None = None, base_url: str = ""
) -> PrintedForm:
    """Print form ``number`` of the dossier's set and record the print: the latest issue, the issue of
    ``event_id``, or (for a print event id) exactly that earlier print. ``base_url`` prefixes the tracking path in
    the receipt's QR code."""
    prepared = _prepare(actor, dossier_id, number, event_id, base_url)
    dossier, data, source, stored = prepared.dossier, prepared.data, prepared.source, prepared.stored
    payload: dict[str, Any] = {
        "form": data["form"]["number"],
        "kind": prepared.kind,
        "set": data["form"]["set"],
        "source": source.pk if source is not None else None,
        "reprint_of": stored.pk if stored is not None else None,
    }
    if stored is None:
        payload["data"] = data
    with transaction.atomic():
        # The dossier's row lock, as every writer of its history holds it: the print is the next link of the chain.
        state = Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("state", flat=True).get()
        event = DossierEvent(
            dossier=dossier, at=clock.now(), actor=user_of(actor),
            action=PRINT_ACTION, from_state=state, to_state=state, reason=data["form"]["title"], payload=payload,
        )  # fmt: skip
        audit.record(dossier.pk, [event])
        dossier_events.publish(dossier, [event])
    return PrintedForm(
        dossier_id=dossier.pk, number=data["form"]["number"], kind=prepared.kind, title=data["form"]["title"],
        set_key=data["form"]["set"], filename=prepared.filename, pdf=prepared.pdf, data=data,
        print_event_id=event.pk, source_event_id=payload["source"], reprint_of=payload["reprint_of"],
    )  # fmt: skip


def forms_available(*, actor: Actor, dossier_id: int) -> list[FormAvailability]:
    """The forms of the dossier's set (the register aside), whether each applies, its issues and prints so far."""
    dossier = _dossier(actor, dossier_id)
    return forms_of(dossier, list(dossier.events.select_related("actor").order_by("at", "pk")))


def forms_of(dossier: Dossier, events: list[DossierEvent]) -> list[FormAvailability]:
    """:func:`forms_available` for a dossier the caller may view, from its events in order (prints included), as a
    page that lists the timeline already has them."""
    form_set = form_set_of(dossier)
    history = [e for e in events if e.action != PRINT_ACTION]
    prints: dict[str, int] = {}
    for event in events:
        if event.action == PRINT_ACTION:
            kind = (event.payload or {}).get("kind", "")
            prints[kind] = prints.get(kind, 0) + 1
    out = []
    for form in form_set.forms:
        if not form.per_dossier:
            continue
        issued = builders.issuing_events(dossier, form.kind, history)
        applies = dossier.received_at is not None if form.kind == sets.CONTROL else bool(issued)
        out.append(
            FormAvailability(
                number=form.number,
                kind=form.kind,
                title=form.title,
                set_key=form_set.key,
                page=form.page,
                applies=applies,
                issues=[Issue(e.pk, e.at) for e in issued],
                prints=prints.get(form.kind, 0),
            )  # fmt: skip
        )
    return out


def public_base_url(fallback: str = "") -> str:
    """Where the public tracking page is served, for the receipt's QR code: ``settings.MOTCUA_PUBLIC_URL`` when set
    (e.g. ``https://dichvucong.hanoi.gov.vn``), else ``fallback`` (the API passes the request's own origin)."""
    from django.conf import settings

    return str(getattr(settings, "MOTCUA_PUBLIC_URL", "") or fallback).rstrip("/")
