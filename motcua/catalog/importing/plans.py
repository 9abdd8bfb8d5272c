"""From typed rows to the values the services take (``VersionContent``, ``ProcessContent`` …).

Defaults of the format: the committed limit is the statutory one, channels are all three, applicants are
citizens, the online level follows the online channel (full, or none), a process is approved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from motcua.catalog import forms
from motcua.catalog.content import (
    ComponentData,
    FeeData,
    FeeRow,
    LegalBasisData,
    ProcessContent,
    StepData,
    VersionContent,
)
from motcua.catalog.importing import messages
from motcua.catalog.importing.columns import DEFAULT_CHANNELS
from motcua.catalog.importing.reading import Issue, Row
from motcua.catalog.models import OnlineLevel, ProcessStatus


@dataclass
class FieldPlan:
    row: Row
    code: str
    name: str
    sector: str


@dataclass
class DecisionPlan:
    row: Row
    number: str
    signed_on: dt.date
    signer: str
    effective_on: dt.date
    issuer: str
    made_public_on: dt.date | None
    note: str


@dataclass
class ProcessPlan:
    row: Row
    agency: str
    approved: bool
    content: ProcessContent


@dataclass
class VersionPlan:
    row: Row
    code: str
    number: int
    content: VersionContent
    decision: str
    valid_from: dt.date | None
    basis_effective_on: dt.date | None
    processes: list[ProcessPlan] = field(default_factory=list)
    ok: bool = True


@dataclass
class AbolitionPlan:
    row: Row
    code: str
    decision: str
    on: dt.date | None
    basis_effective_on: dt.date | None


@dataclass
class Plan:
    fields: list[FieldPlan] = field(default_factory=list)
    decisions: list[DecisionPlan] = field(default_factory=list)
    versions: list[VersionPlan] = field(default_factory=list)
    abolitions: list[AbolitionPlan] = field(default_factory=list)

    def size(self) -> int:
        processes = sum(len(v.processes) for v in self.versions)
        return len(self.fields) + len(self.decisions) + len(self.versions) + processes + len(self.abolitions)


def _unique(rows: list[Row], key: Any, label: str, issues: list[Issue]) -> list[Row]:
    seen: set[Any] = set()
    kept = []
    for row in rows:
        value = key(row.values)
        if value in seen:
            issues.append(Issue(row.loc, None, messages.vi("duplicate_row", {"value": f"{label} {value}"})))
            row.ok = False
        seen.add(value)
        kept.append(row)
    return kept


def build(rows: dict[str, list[Row]], issues: list[Issue]) -> Plan:
    plan = Plan()
    for row in _unique(rows["fields"], lambda v: v.get("code"), "lĩnh vực", issues):
        if row.ok:
            v = row.values
            plan.fields.append(FieldPlan(row, v["code"], v["name"], v.get("sector", "")))
    for row in _unique(rows["decisions"], lambda v: v.get("number"), "quyết định", issues):
        if row.ok:
            v = row.values
            plan.decisions.append(
                DecisionPlan(
                    row,
                    v["number"],
                    v["signed_on"],
                    v["signer"],
                    v["effective_on"],
                    v.get("issuer", ""),
                    v.get("made_public_on"),
                    v.get("note", ""),
                )
            )
    procedures = _unique(rows["procedures"], lambda v: (v.get("code"), v.get("version")), "thủ tục", issues)
    for row in sorted(procedures, key=lambda r: (str(r.values.get("code")), int(r.values.get("version") or 0))):
        _check_form_files(row, issues)
        version = _version(row)
        if version is not None:
            plan.versions.append(version)
    for row in rows["abolitions"]:
        if row.ok:
            v = row.values
            plan.abolitions.append(
                AbolitionPlan(row, v["procedure"], v["decision"], v.get("on"), v.get("basis_effective_on"))
            )
    return plan


def _check_form_files(row: Row, issues: list[Issue]) -> None:
    """A component's blank form file must be a document the form store holds (``catalog.forms``)."""
    for child in row.children.get("components", []):
        name = child.values.get("form_file") or ""
        if name and not (forms.acceptable(name) and forms.exists(forms.stored_name(name))):
            child.ok = False
            issues.append(Issue(child.loc, "form_file", messages.vi("form_file_missing", {"value": name})))


def _children_ok(row: Row) -> bool:
    return row.ok and all(_children_ok(child) for rows in row.children.values() for child in rows)


def _version(row: Row) -> VersionPlan | None:
    v = row.values
    if not _children_ok(row):
        return None
    channels = v.get("channels", DEFAULT_CHANNELS)
    online = "online" in channels
    content = VersionContent(
        name=v["name"],
        field_code=v["field"],
        level=v["level"],
        implementing_agency=v["implementing_agency"],
        result_agency=v.get("result_agency", ""),
        coordinating_agency=v.get("coordinating_agency", ""),
        agency_codes=v.get("agencies", ()),
        agency_kinds=v.get("agency_kinds", ()),
        for_citizens="citizen" in v.get("applicant_kinds", ("citizen",)),
        for_organisations="organisation" in v.get("applicant_kinds", ("citizen",)),
        limit_amount=v["limit_amount"],
        limit_unit=v["limit_unit"],
        committed_amount=v.get("committed_amount", v["limit_amount"]),
        committed_unit=v.get("committed_unit", v["limit_unit"]),
        limit_note=v.get("limit_note", ""),
        sequence=v.get("sequence", ""),
        requirements=v.get("requirements", ""),
        results=v.get("results", ()),
        channel_counter="counter" in channels,
        channel_postal="postal" in channels,
        channel_online=online,
        online_level=v.get("online_level", OnlineLevel.FULL if online else OnlineLevel.NONE),
        partial_reason=v.get("partial_reason", ""),
        online_payment=v.get("online_payment", False),
        province_wide=v.get("province_wide", False),
        legal_bases=tuple(_legal_basis(r.values) for r in row.children.get("legal_bases", [])),
        components=tuple(_component(r.values) for r in row.children.get("components", [])),
        fees=tuple(_fee(r.values) for r in row.children.get("fees", [])),
    )
    plan = VersionPlan(
        row=row,
        code=v["code"],
        number=v["version"],
        content=content,
        decision=v.get("decision", ""),
        valid_from=v.get("valid_from"),
        basis_effective_on=v.get("basis_effective_on"),
    )
    for process_row in row.children.get("processes", []):
        p = process_row.values
        steps = tuple(_step(r.values) for r in process_row.children.get("steps", []))
        plan.processes.append(
            ProcessPlan(
                row=process_row,
                agency=p.get("agency", ""),
                approved=p.get("status", ProcessStatus.APPROVED) == ProcessStatus.APPROVED,
                content=ProcessContent(
                    steps=steps, working_hours_equivalent=p.get("working_hours_equivalent"), note=p.get("note", "")
                ),
            )
        )
    return plan


def _legal_basis(v: dict[str, Any]) -> LegalBasisData:
    return LegalBasisData(v["number"], v["title"], v.get("issued_on"), v.get("effective_on"))


def _component(v: dict[str, Any]) -> ComponentData:
    return ComponentData(
        name=v["name"],
        case=v.get("case", ""),
        originals=v.get("originals", 0),
        certified_copies=v.get("certified_copies", 0),
        copies=v.get("copies", 0),
        requirement=v.get("requirement", "mandatory"),
        condition=v.get("condition", ""),
        form_name=v.get("form_name", ""),
        form_url=v.get("form_url", ""),
        form_file=forms.stored_name(v.get("form_file", "")),
        from_data_store=v.get("from_data_store", False),
    )


def _fee(v: dict[str, Any]) -> FeeData:
    return FeeData(
        kind=v["kind"],
        name=v["name"],
        amount=v.get("amount"),
        rows=tuple(FeeRow(label, amount) for label, amount in v.get("rows", ())),
        legal_basis=v.get("legal_basis", ""),
        note=v.get("note", ""),
    )


def _step(v: dict[str, Any]) -> StepData:
    return StepData(
        kind=v["kind"],
        role=v["role"],
        duration_amount=Decimal(v["duration"]),
        duration_unit=v["duration_unit"],
        agency_code=v.get("agency", ""),
        unit_code=v.get("unit", ""),
        parallel_group=v.get("parallel_group", ""),
        description=v.get("description", ""),
    )
