"""Procedure catalogue (public, read-only): search, one procedure in force with its process, the fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from motcua.api.agencies import AgencyRef
from motcua.api.errors import ErrorOut
from motcua.catalog import selectors
from motcua.catalog.models import InternalProcess, Level, OnlineLevel, ProcedureVersion, StepKind
from motcua.catalog.search import MAX_PAGE_SIZE, procedure_search
from motcua.core.errors import NotFound
from motcua.orgs.models import Role, Unit
from motcua.workcalendar.units import TimeUnit

router = Router(tags=["catalog"])

CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,39}$"
AGENCY_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$"
FIELD_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.\-_]{0,29}$"


class ProcedureQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Free text: code, name, field or agency; accents optional, small typos forgiven "
        "(e.g. dang ky ho kinh doanh).",
    )
    field: str | None = Field(None, pattern=FIELD_PATTERN, description="Field (sector) code, e.g. TP-HT.")
    level: Level | None = Field(None, description="Implementing level.")
    agency: str | None = Field(
        None,
        pattern=AGENCY_PATTERN,
        description="Identifier code of an implementing agency, e.g. 000.01.90.H26.",
    )
    online_level: OnlineLevel | None = Field(None, description="Online service level.")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class LimitOut(Schema):
    amount: float
    unit: TimeUnit
    unit_label: str


class FieldRef(Schema):
    code: str
    name: str
    sector: str


class FieldOut(FieldRef):
    procedure_count: int = Field(..., description="Procedures in force today in this field.")


class ProcedureItem(Schema):
    code: str
    version: int
    name: str
    field: FieldRef
    level: Level
    implementing_agency: str
    statutory_limit: LimitOut
    committed_limit: LimitOut
    channels: list[str] = Field(..., description="counter, postal, online")
    online_level: OnlineLevel
    online_payment: bool
    province_wide: bool = Field(..., description="May be filed anywhere in the province.")


class ProcedurePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProcedureItem]
    ignored_words: list[str] = Field(..., description="Query words that matched nothing and were left out.")


class LegalBasisOut(Schema):
    number: str
    title: str
    issued_on: dt.date | None
    effective_on: dt.date | None


class ProcedureComponentOut(Schema):
    name: str
    case: str
    originals: int
    certified_copies: int
    copies: int
    requirement: str
    condition: str
    form_name: str
    form_url: str = Field(..., description="Where to download the blank form (empty: none).")
    from_data_store: bool = Field(..., description="Can be taken from the applicant's e-data store.")


class FeeRowOut(Schema):
    label: str
    amount: int


class FeeOut(Schema):
    kind: str = Field(..., description="fee (phí) or charge (lệ phí)")
    name: str
    amount: int | None = Field(..., description="VND; null when a table of amounts applies.")
    rows: list[FeeRowOut]
    legal_basis: str
    note: str


class ProcessStepOut(Schema):
    position: int
    kind: StepKind
    kind_label: str
    agency: AgencyRef | None = Field(..., description="Handling agency; null: the agency applying the process.")
    unit_code: str
    unit_name: str
    role: Role
    duration_amount: float
    duration_unit: str
    duration_hours: float
    parallel_group: str
    description: str


class ProcessOut(Schema):
    agency: AgencyRef | None = Field(..., description="Null: the template for every implementing agency of a kind.")
    agency_kinds: list[str]
    total_hours: float = Field(..., description="Working hours along the longest path.")
    working_hours_equivalent: float | None
    approved_at: dt.datetime | None
    steps: list[ProcessStepOut]


class PublicationOut(Schema):
    decision: str
    signed_on: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class ProcedureDetail(ProcedureItem):
    status: str
    result_agency: str
    coordinating_agency: str
    agencies: list[AgencyRef]
    agency_kinds: list[str]
    applicant_kinds: list[str]
    limit_note: str
    sequence: str
    requirements: str
    results: list[str]
    partial_reason: str
    publication: PublicationOut
    legal_bases: list[LegalBasisOut]
    components: list[ProcedureComponentOut]
    fees: list[FeeOut]
    processes: list[ProcessOut]


def _limit(amount: Decimal, unit: str) -> LimitOut:
    return LimitOut(amount=float(amount), unit=TimeUnit(unit), unit_label=str(TimeUnit(unit).label))


def _item(version: ProcedureVersion) -> dict[str, Any]:
    return {
        "code": version.procedure.code,
        "version": version.number,
        "name": version.name,
        "field": FieldRef(code=version.field.code, name=version.field.name, sector=version.field.sector),
        "level": version.level,
        "implementing_agency": version.implementing_agency,
        "statutory_limit": _limit(version.limit_amount, version.limit_unit),
        "committed_limit": _limit(version.committed_amount, version.committed_unit),
        "channels": version.channels,
        "online_level": version.online_level,
        "online_payment": version.online_payment,
        "province_wide": version.province_wide,
    }


@router.get(
    "/procedures",
    response={200: ProcedurePage, 422: ErrorOut},
    summary="Search the procedures in force",
    description="Ranked, diacritic-insensitive and typo-tolerant search over code, name, field and agency.",
)
def procedures(request: HttpRequest, params: Query[ProcedureQuery]) -> ProcedurePage:
    result = procedure_search(
        q=params.q,
        field=params.field,
        level=params.level,
        agency=params.agency,
        online_level=params.online_level,
        page=params.page,
        page_size=params.page_size,
    )
    return ProcedurePage(
        count=result.count,
        page=result.page,
        page_size=result.page_size,
        items=[ProcedureItem(**_item(v)) for v in result.items],
        ignored_words=result.ignored,
    )


def _process(process: InternalProcess, version: ProcedureVersion) -> ProcessOut:
    steps = list(process.steps.all())
    unit_names: dict[tuple[int | None, str], str] = {
        (u.agency_id, u.code): u.name
        for u in Unit.objects.filter(
            agency_id__in={s.agency_id or process.agency_id for s in steps} - {None},
            code__in={s.unit_code for s in steps},
        )
    }
    total = selectors.process_hours(steps)
    return ProcessOut(
        agency=AgencyRef(code=process.agency.code, name=process.agency.name) if process.agency else None,
        agency_kinds=[] if process.agency_id else version.agency_kind_list,
        total_hours=float(total),
        working_hours_equivalent=float(process.working_hours_equivalent)
        if process.working_hours_equivalent is not None
        else None,
        approved_at=process.approved_at,
        steps=[
            ProcessStepOut(
                position=s.position,
                kind=StepKind(s.kind),
                kind_label=str(StepKind(s.kind).label),
                agency=AgencyRef(code=s.agency.code, name=s.agency.name) if s.agency else None,
                unit_code=s.unit_code,
                unit_name=unit_names.get((s.agency_id or process.agency_id, s.unit_code), ""),
                role=Role(s.role),
                duration_amount=float(s.duration_amount),
                duration_unit=s.duration_unit,
                duration_hours=float(selectors.step_hours(s)),
                parallel_group=s.parallel_group,
                description=s.description,
            )
            for s in steps
        ],
    )


@router.get(
    "/procedures/{code}",
    response={200: ProcedureDetail, 404: ErrorOut, 422: ErrorOut},
    summary="One procedure in force",
    description="The version in force today: components, fees, limits, channels, online level, processes.",
)
def procedure_detail(
    request: HttpRequest,
    code: str = Path(..., pattern=CODE_PATTERN, description="National procedure code, e.g. 1.001193"),
) -> ProcedureDetail:
    procedure = selectors.procedure_get(code)
    current = selectors.procedure_version_valid_on(procedure) if procedure else None
    if current is None:
        raise NotFound(_("No procedure with the code %(code)s is in force.") % {"code": code}, code="not_found")
    version = selectors.version_detail(current.pk)
    item = next((i for i in version.decision_items.all() if i.action != "abolish"), None)
    return ProcedureDetail(
        **_item(version),
        status=version.procedure.status,
        result_agency=version.result_agency,
        coordinating_agency=version.coordinating_agency,
        agencies=[AgencyRef(code=a.code, name=a.name) for a in version.agencies.all()],
        agency_kinds=version.agency_kind_list,
        applicant_kinds=version.applicant_kinds,
        limit_note=version.limit_note,
        sequence=version.sequence,
        requirements=version.requirements,
        results=list(version.results),
        partial_reason=version.partial_reason,
        publication=PublicationOut(
            decision=item.decision.number if item else "",
            signed_on=item.decision.signed_on if item else None,
            valid_from=version.valid_from,
            valid_to=version.valid_to,
        ),
        legal_bases=[LegalBasisOut.from_orm(b) for b in version.legal_bases.all()],
        components=[ProcedureComponentOut.from_orm(c) for c in version.components.all()],
        fees=[
            FeeOut(
                kind=f.kind,
                name=f.name,
                amount=f.amount,
                rows=[FeeRowOut(label=r["label"], amount=int(r["amount"])) for r in f.rows],
                legal_basis=f.legal_basis,
                note=f.note,
            )
            for f in version.fees.all()
        ],
        processes=[_process(p, version) for p in version.approved_processes],  # type: ignore[attr-defined]
    )


@router.get("/fields", response={200: list[FieldOut]}, summary="Fields (sectors) of the catalogue")
def fields(request: HttpRequest) -> list[FieldOut]:
    return [
        FieldOut(code=f.code, name=f.name, sector=f.sector, procedure_count=f.procedure_count)  # type: ignore[attr-defined]
        for f in selectors.field_list()
    ]
