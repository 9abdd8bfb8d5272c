"""Dossiers: create, components, list, detail, every action as POST /dossiers/{id}/actions/{verb}, and public
tracking. Role and scope are checked by the services; a stale ``version`` is a 409."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from motcua.accounts.models import Applicant
from motcua.api.auth import AUTH, current_user
from motcua.api.errors import ErrorOut
from motcua.api.parsing import BodyIn
from motcua.catalog.selectors import procedure_get, procedure_version_valid_on
from motcua.core import net
from motcua.core.errors import NotFound
from motcua.dossiers import selectors, tracking
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake
from motcua.orgs.models import Agency

router = Router(tags=["dossiers"])
public = Router(tags=["tracking"])

ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


FEE_ID = r"^[1-9][0-9]{0,17}$"


def _fee_rows_schema(schema: dict[str, Any]) -> None:
    """A fee id (digits) to a row label: said with ``propertyNames`` so that no other key is allowed."""
    label = schema.pop("patternProperties")[FEE_ID]
    schema.update(propertyNames={"pattern": FEE_ID}, additionalProperties=label)


class ApplicantRef(BodyIn):
    id_type: str = Field(pattern="^(cccd|passport|tax_code)$")
    id_number: str = Field(min_length=6, max_length=20)


class DossierIn(BodyIn):
    procedure: str = Field(description="National procedure code, e.g. 2.000488", min_length=1, max_length=40)
    handling_agency: str = Field(description="Identifier code of the lead agency", min_length=13, max_length=13)
    receiving_agency: str | None = Field(
        None, description="The desk (default: the lead agency)", min_length=13, max_length=13
    )
    channel: int = Field(2, ge=1, le=3, description="1 counter, 2 online, 3 postal")
    applicant: ApplicantRef
    representative: ApplicantRef | None = None
    postal_tracking_no: str = Field("", max_length=40)
    sets: int = Field(1, ge=1, le=99)
    note: str = Field("", max_length=2000)
    fee_rows: dict[Annotated[str, Field(pattern=FEE_ID)], Annotated[str, Field(max_length=500)]] = Field(
        default_factory=dict,
        max_length=50,
        description="Chosen row label per table fee id (an unknown fee is a 422)",
        json_schema_extra=_fee_rows_schema,
    )


class DossierStepOut(Schema):
    id: int
    position: int
    kind: str
    agency: str
    unit: str | None
    role: str
    status: str
    assignee: str | None
    due_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    is_consultation: bool


class DossierComponentOut(Schema):
    component_id: int | None
    name: str
    file: str | None
    sha256: str | None
    reused: bool
    paper: bool


class EventOut(Schema):
    at: dt.datetime
    actor: str | None
    action: str
    from_state: str
    to_state: str
    reason: str


class DossierOut(Schema):
    id: int
    reference: str
    code: str | None
    version: int
    state: str
    national_status: int
    procedure: str
    procedure_name: str
    receiving_agency: str
    handling_agency: str
    applicant: str
    channel: int
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    appointment_at: dt.datetime | None
    decided_at: dt.datetime | None
    returned_at: dt.datetime | None
    outcome: str
    fee_total: int
    supplement_requests: int


class DossierDetailOut(DossierOut):
    components: list[DossierComponentOut]
    steps: list[DossierStepOut]
    events: list[EventOut]
    tracking_url: str | None


def _out(d: Dossier) -> dict[str, Any]:
    return {
        "id": d.pk,
        "reference": d.reference,
        "code": d.code,
        "version": d.version,
        "state": d.state,
        "national_status": d.national_status,
        "procedure": d.procedure_version.procedure.code,
        "procedure_name": d.procedure_version.name,
        "receiving_agency": d.receiving_agency.code,
        "handling_agency": d.handling_agency.code,
        "applicant": d.applicant.name,
        "channel": d.channel,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "appointment_at": d.appointment_at,
        "decided_at": d.decided_at,
        "returned_at": d.returned_at,
        "outcome": d.outcome,
        "fee_total": d.fee_total,
        "supplement_requests": d.supplement_requests,
    }


def detail_of(d: Dossier) -> dict[str, Any]:
    out = _out(d)
    out["components"] = [
        {"component_id": c.component_id, "name": c.name, "file": c.file.name if c.file else None,
         "sha256": c.file.sha256 if c.file else None, "reused": c.reused, "paper": c.paper}
        for c in d.components.select_related("file")
    ]  # fmt: skip
    out["steps"] = [
        {"id": s.pk, "position": s.position, "kind": s.kind, "agency": s.agency.code,
         "unit": s.unit.code if s.unit else None, "role": s.role, "status": s.status,
         "assignee": s.assignee.username if s.assignee else None, "due_at": s.due_at, "started_at": s.started_at,
         "finished_at": s.finished_at, "is_consultation": s.is_consultation}
        for s in d.steps.select_related("agency", "unit", "assignee")
    ]  # fmt: skip
    out["events"] = [
        {"at": e.at, "actor": e.actor.username if e.actor else None, "action": e.action, "from_state": e.from_state,
         "to_state": e.to_state, "reason": e.reason}
        for e in d.events.select_related("actor")
    ]  # fmt: skip
    out["tracking_url"] = tracking.tracking_url(d.code) if d.code else None
    return out


def _applicant(ref: ApplicantRef) -> Applicant:
    applicant = Applicant.objects.filter(id_type=ref.id_type, id_number=ref.id_number).first()
    if applicant is None:
        raise NotFound(
            _("No applicant has this identity number; register them first."),
            code="unknown_applicant",
            fields={"applicant": _("Unknown applicant.")},
        )
    return applicant


def _agency(code: str, field: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise NotFound(
            _("No active agency has the identifier code %(code)s.") % {"code": code},
            code="unknown_agency",
            fields={field: _("Unknown agency.")},
        )
    return agency


@router.post("", response={201: DossierDetailOut, **ERRORS}, auth=AUTH, summary="Create a dossier (draft)")
def create(request: HttpRequest, payload: DossierIn) -> Status:
    user = current_user(request)
    procedure = procedure_get(payload.procedure)
    version = procedure_version_valid_on(procedure) if procedure else None
    if version is None:
        raise NotFound(
            _("No procedure %(code)s is in force.") % {"code": payload.procedure},
            code="unknown_procedure",
            fields={"procedure": _("Not in force.")},
        )
    handling = _agency(payload.handling_agency, "handling_agency")
    dossier = intake.dossier_create(
        actor=user, version=version, applicant=_applicant(payload.applicant), handling_agency=handling,
        receiving_agency=_agency(payload.receiving_agency, "receiving_agency") if payload.receiving_agency else None,
        channel=payload.channel, representative=_applicant(payload.representative) if payload.representative else None,
        postal_tracking_no=payload.postal_tracking_no, sets=payload.sets, note=payload.note,
        fee_rows={int(fee): label for fee, label in payload.fee_rows.items()},
    )  # fmt: skip
    return Status(201, detail_of(selectors.dossier_get(user, dossier.pk)))


class ListQuery(Schema):
    state: str | None = Field(None, max_length=20)
    procedure: str | None = Field(None, max_length=40)
    channel: int | None = Field(None, ge=1, le=3)
    agency: str | None = Field(None, max_length=13)
    overdue: bool | None = None
    q: str | None = Field(None, max_length=40)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class DossierPage(Schema):
    count: int
    items: list[DossierOut]


@router.get("", response={200: DossierPage, **ERRORS}, auth=AUTH, summary="Dossiers in your scope")
def list_dossiers(request: HttpRequest, params: Query[ListQuery]) -> dict[str, Any]:
    qs = selectors.dossier_list(
        current_user(request),
        selectors.DossierFilter(
            params.state, params.procedure, params.channel, params.agency, params.overdue, params.q
        ),
    )
    page = list(qs[params.offset : params.offset + params.limit])
    return {"count": qs.count(), "items": [_out(d) for d in page]}


@router.get("/{dossier_id}", response={200: DossierDetailOut, **ERRORS}, auth=AUTH, summary="One dossier")
def detail(request: HttpRequest, dossier_id: int) -> dict[str, Any]:
    return detail_of(selectors.dossier_get(current_user(request), dossier_id))


class ComponentForm(Schema):
    component_id: int = Field(ge=1, le=2**62, description="The procedure's component")
    version: int = Field(ge=1, le=2**62, description="The version of the dossier you saw; a mismatch is a 409")
    reuse_file_id: Annotated[int, Field(ge=1, le=2**62)] | SkipJsonSchema[None] = Field(
        None, description="A stored document to reuse"
    )
    paper: bool = Field(False, description="Handed in on paper, to be scanned at the desk")


@router.post(
    "/{dossier_id}/components", response={200: DossierDetailOut, **ERRORS}, auth=AUTH, summary="Attach a component"
)
def add_component(
    request: HttpRequest,
    dossier_id: int,
    form: Form[ComponentForm],
    file: UploadedFile | None = File(None),  # noqa: B008 - ninja's parameter declaration
) -> dict[str, Any]:
    component_id, version, reuse_file_id, paper = form.component_id, form.version, form.reuse_file_id, form.paper
    user = current_user(request)
    selectors.dossier_get(user, dossier_id)
    item = intake.ComponentInput(
        component_id=component_id, file_name=(file.name or "") if file else "", content=file,
        reuse_file_id=reuse_file_id, paper=paper,
    )  # fmt: skip
    intake.dossier_put_components(actor=user, dossier_id=dossier_id, items=[item], expected_version=version)
    return detail_of(selectors.dossier_get(user, dossier_id))


class TrackingStep(Schema):
    position: int
    kind: str
    agency: str
    unit: str | None
    status: str
    started_at: str | None
    finished_at: str | None
    due_at: str | None
    timeliness: str | None


class TrackingEvent(Schema):
    at: str
    action: str
    label: str
    new_appointment: str | None


class TrackingOut(Schema):
    code: str
    procedure: str
    state: str
    state_label: str
    national_status: int
    desk: str
    received_at: str | None
    appointment_at: str | None
    decided_at: str | None
    returned_at: str | None
    original_appointment: str | None = Field(
        None, description="The appointment given at reception, when an apology (form 04) set a new one"
    )
    steps: list[TrackingStep]
    history: list[TrackingEvent] = Field(
        default_factory=list, description="The events the applicant sees (no free text), in order"
    )


class TrackingQuery(Schema):
    factor: str | None = Field(None, min_length=4, max_length=4, pattern=r"^\d{4}$")
    t: str | None = Field(None, min_length=10, max_length=100)


TRACKING_LIMIT = tracking.LOOKUPS_PER_MINUTE  # per client address, shared with the /tra-cuu/ page


@public.get(
    "/tracking/{code}",
    response={200: TrackingOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Track a dossier",
    description=(
        "With the check digits (`factor`: the last 4 digits of the applicant's phone or ID number), the receipt's "
        "signed token (`t`), or logged in as the applicant. An unknown code, a wrong or missing check, a wrong "
        f"token and a code locked after {tracking.FACTOR_TRIES} wrong checks all answer the same 404 "
        "`tracking_not_found`; 422 only for a malformed parameter; 429 beyond "
        f"{TRACKING_LIMIT} lookups a minute from one address (this API and the /tra-cuu/ page together)."
    ),
)
def track(request: HttpRequest, code: str, params: Query[TrackingQuery]) -> Any:
    if not net.hit_ip(request, tracking.RATE_SCOPE, limit=TRACKING_LIMIT):
        return Status(429, {"code": "rate_limited", "message": "Too many lookups; wait a minute.", "fields": {}})
    dossier = tracking.tracking_lookup(code=code, factor=params.factor, token=params.t, user=request.user)
    return tracking.tracking_view(dossier)
