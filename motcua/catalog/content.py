"""The content of a procedure version and of an internal process as plain values.

Services take these, the importer builds them from a file, the exporter and the idempotency check read them
back from the database (:func:`version_content_of`, :func:`process_content_of`): two contents are the same
exactly when they compare equal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from motcua.catalog.models import InternalProcess, ProcedureVersion


@dataclass(frozen=True)
class LegalBasisData:
    number: str
    title: str
    issued_on: dt.date | None = None
    effective_on: dt.date | None = None


@dataclass(frozen=True)
class ComponentData:
    name: str
    case: str = ""
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    requirement: str = "mandatory"
    condition: str = ""
    form_name: str = ""
    form_url: str = ""
    #: the blank form's file in the catalogue's form store (``catalog/forms/…``; see ``catalog.forms``)
    form_file: str = ""
    from_data_store: bool = False


@dataclass(frozen=True)
class FeeRow:
    label: str
    amount: int


@dataclass(frozen=True)
class FeeData:
    kind: str
    name: str
    amount: int | None = None
    rows: tuple[FeeRow, ...] = ()
    legal_basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class VersionContent:
    name: str
    field_code: str
    level: str
    implementing_agency: str
    limit_amount: Decimal
    limit_unit: str
    committed_amount: Decimal
    committed_unit: str
    result_agency: str = ""
    coordinating_agency: str = ""
    agency_codes: tuple[str, ...] = ()
    agency_kinds: tuple[str, ...] = ()
    for_citizens: bool = True
    for_organisations: bool = False
    limit_note: str = ""
    sequence: str = ""
    requirements: str = ""
    results: tuple[str, ...] = ()
    channel_counter: bool = True
    channel_postal: bool = True
    channel_online: bool = True
    online_level: str = "full"
    partial_reason: str = ""
    online_payment: bool = False
    province_wide: bool = False
    legal_bases: tuple[LegalBasisData, ...] = ()
    components: tuple[ComponentData, ...] = ()
    fees: tuple[FeeData, ...] = ()

    def __post_init__(self) -> None:
        # Sets are compared as sets: keep them in one order.
        object.__setattr__(self, "agency_codes", tuple(sorted(set(self.agency_codes))))
        object.__setattr__(self, "agency_kinds", tuple(sorted(set(self.agency_kinds))))


#: The columns of ProcedureVersion that hold content one to one.
SCALAR_FIELDS = (
    "name",
    "level",
    "implementing_agency",
    "result_agency",
    "coordinating_agency",
    "for_citizens",
    "for_organisations",
    "limit_amount",
    "limit_unit",
    "committed_amount",
    "committed_unit",
    "limit_note",
    "sequence",
    "requirements",
    "channel_counter",
    "channel_postal",
    "channel_online",
    "online_level",
    "partial_reason",
    "online_payment",
    "province_wide",
)


def version_content_of(version: ProcedureVersion) -> VersionContent:
    """The content of a stored version (use prefetching for many versions: legal_bases, components, fees,
    agencies)."""
    return VersionContent(
        **{name: getattr(version, name) for name in SCALAR_FIELDS},
        field_code=version.field.code,
        agency_codes=tuple(a.code for a in version.agencies.all()),
        agency_kinds=tuple(version.agency_kind_list),
        results=tuple(version.results),
        legal_bases=tuple(
            LegalBasisData(number=b.number, title=b.title, issued_on=b.issued_on, effective_on=b.effective_on)
            for b in version.legal_bases.all()
        ),
        components=tuple(
            ComponentData(
                name=c.name,
                case=c.case,
                originals=c.originals,
                certified_copies=c.certified_copies,
                copies=c.copies,
                requirement=c.requirement,
                condition=c.condition,
                form_name=c.form_name,
                form_url=c.form_url,
                form_file=c.form_file.name or "",
                from_data_store=c.from_data_store,
            )
            for c in version.components.all()
        ),
        fees=tuple(
            FeeData(
                kind=f.kind,
                name=f.name,
                amount=f.amount,
                rows=tuple(FeeRow(label=r["label"], amount=int(r["amount"])) for r in f.rows),
                legal_basis=f.legal_basis,
                note=f.note,
            )
            for f in version.fees.all()
        ),
    )


@dataclass(frozen=True)
class StepData:
    kind: str
    role: str
    duration_amount: Decimal
    duration_unit: str
    agency_code: str = ""
    unit_code: str = ""
    parallel_group: str = ""
    description: str = ""


@dataclass(frozen=True)
class ProcessContent:
    steps: tuple[StepData, ...]
    working_hours_equivalent: Decimal | None = None
    note: str = ""


def process_content_of(process: InternalProcess) -> ProcessContent:
    return ProcessContent(
        steps=tuple(
            StepData(
                kind=s.kind,
                role=s.role,
                duration_amount=s.duration_amount,
                duration_unit=s.duration_unit,
                agency_code=s.agency.code if s.agency_id and s.agency else "",
                unit_code=s.unit_code,
                parallel_group=s.parallel_group,
                description=s.description,
            )
            for s in process.steps.all()
        ),
        working_hours_equivalent=process.working_hours_equivalent,
        note=process.note,
    )
