"""Export of the catalogue and internal processes to JSON or xlsx, in the format the import reads back.

Every version (drafts included) with its publication, the processes in use (approved and draft; superseded
ones are history and stay out), the decisions and fields they refer to, and the abolitions. Importing an
export into the same database changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q

from motcua.catalog.content import process_content_of, version_content_of
from motcua.catalog.importing.columns import CHILDREN, FORMAT, FORMAT_VERSION, SHEETS, TOP_LEVEL, Column
from motcua.catalog.models import (
    Decision,
    DecisionAction,
    DecisionItem,
    Field,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStatus,
    ProcessStep,
)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral() else float(value)


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is empty (the import reads a missing value as empty; False and 0 stay)."""
    return {k: v for k, v in row.items() if v not in (None, "", [], ())}


def catalog_document(codes: Iterable[str] | None = None) -> dict[str, Any]:
    """The whole catalogue (or the procedures ``codes``) as the JSON document of the import format."""
    procedures = Procedure.objects.order_by("code")
    if codes is not None:
        procedures = procedures.filter(code__in=list(codes))
    in_use = InternalProcess.objects.exclude(status=ProcessStatus.SUPERSEDED).select_related("agency")
    procedures = procedures.prefetch_related(
        Prefetch(
            "versions",
            queryset=ProcedureVersion.objects.order_by("number")
            .select_related("field")
            .prefetch_related(
                "legal_bases",
                "components",
                "fees",
                "agencies",
                Prefetch("processes", queryset=in_use.order_by("agency__code", "status")),
                Prefetch("processes__steps", queryset=ProcessStep.objects.select_related("agency")),
                Prefetch("decision_items", queryset=DecisionItem.objects.select_related("decision")),
            ),
        ),
        Prefetch("decision_items", queryset=DecisionItem.objects.select_related("decision")),
    )
    rows: list[dict[str, Any]] = []
    abolitions: list[dict[str, Any]] = []
    decision_ids: set[int] = set()
    field_codes: set[str] = set()
    for procedure in procedures:
        for version in procedure.versions.all():
            rows.append(_version(procedure, version, decision_ids))
            field_codes.add(version.field.code)
        for item in procedure.decision_items.all():
            if item.action == DecisionAction.ABOLISH:
                decision_ids.add(item.decision_id)
                abolitions.append(
                    _clean(
                        {
                            "procedure": procedure.code,
                            "decision": item.decision.number,
                            "on": _abolished_on(procedure),
                            "basis_effective_on": item.basis_effective_on,
                        }
                    )
                )
    fields = Field.objects.order_by("code")
    decisions = Decision.objects.filter(Q(pk__in=decision_ids)).select_related("issuer").order_by("signed_on", "number")
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fields": [
            _clean({"code": f.code, "name": f.name, "sector": f.sector})
            for f in (fields if codes is None else fields.filter(code__in=field_codes))
        ],
        "decisions": [
            _clean(
                {
                    "number": d.number,
                    "signed_on": d.signed_on,
                    "signer": d.signer,
                    "effective_on": d.effective_on,
                    "issuer": d.issuer.code if d.issuer else "",
                    "made_public_on": d.made_public_on,
                    "note": d.note,
                }
            )
            for d in decisions
        ],
        "procedures": rows,
        "abolitions": abolitions,
    }


def _abolished_on(procedure: Procedure) -> dt.date | None:
    ends = [v.valid_to for v in procedure.versions.all() if v.valid_to]
    return max(ends) + dt.timedelta(days=1) if ends else None


def _version(procedure: Procedure, version: ProcedureVersion, decision_ids: set[int]) -> dict[str, Any]:
    c = version_content_of(version)
    channels = [name for name, on in (("counter", c.channel_counter), ("postal", c.channel_postal),
                                      ("online", c.channel_online)) if on]  # fmt: skip
    item = next((i for i in version.decision_items.all() if i.action != DecisionAction.ABOLISH), None)
    if item is not None:
        decision_ids.add(item.decision_id)
    row = {
        "code": procedure.code,
        "version": version.number,
        "name": c.name,
        "field": c.field_code,
        "level": c.level,
        "implementing_agency": c.implementing_agency,
        "result_agency": c.result_agency,
        "coordinating_agency": c.coordinating_agency,
        "agencies": list(c.agency_codes),
        "agency_kinds": list(c.agency_kinds),
        "applicant_kinds": version.applicant_kinds,
        "limit_amount": _number(c.limit_amount),
        "limit_unit": c.limit_unit,
        "committed_amount": _number(c.committed_amount),
        "committed_unit": c.committed_unit,
        "limit_note": c.limit_note,
        "channels": channels,
        "online_level": c.online_level,
        "partial_reason": c.partial_reason,
        "online_payment": c.online_payment,
        "province_wide": c.province_wide,
        "sequence": c.sequence,
        "requirements": c.requirements,
        "results": list(c.results),
        "decision": item.decision.number if item else "",
        "valid_from": version.valid_from if item else None,
        "basis_effective_on": item.basis_effective_on if item else None,
        "valid_to": version.valid_to,
        "legal_bases": [_clean(vars(b)) for b in c.legal_bases],
        "components": [_clean(vars(x)) for x in c.components],
        "fees": [
            _clean(
                {
                    "kind": f.kind,
                    "name": f.name,
                    "amount": f.amount,
                    "rows": [{"label": r.label, "amount": r.amount} for r in f.rows],
                    "legal_basis": f.legal_basis,
                    "note": f.note,
                }
            )
            for f in c.fees
        ],
        "processes": [_process(p) for p in version.processes.all()],
    }
    return _clean(row)


def _process(process: InternalProcess) -> dict[str, Any]:
    content = process_content_of(process)
    return _clean(
        {
            "agency": process.agency.code if process.agency else "",
            "status": process.status,
            "working_hours_equivalent": _number(content.working_hours_equivalent)
            if content.working_hours_equivalent is not None
            else None,
            "note": content.note,
            "steps": [
                _clean(
                    {
                        "kind": s.kind,
                        "role": s.role,
                        "duration": _number(s.duration_amount),
                        "duration_unit": s.duration_unit,
                        "agency": s.agency_code,
                        "unit": s.unit_code,
                        "parallel_group": s.parallel_group,
                        "description": s.description,
                    }
                )
                for s in content.steps
            ],
        }
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value)
    raise TypeError(f"cannot export {type(value).__name__}")


def export_json(codes: Iterable[str] | None = None) -> bytes:
    document = catalog_document(codes)
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


# --- xlsx -----------------------------------------------------------------------------------------------


def flat_rows(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The nested document as one list of rows per sheet (children carry their parent's keys)."""
    sheets: dict[str, list[dict[str, Any]]] = {sheet: [] for sheet in SHEETS}
    for sheet in TOP_LEVEL:
        for row in document.get(sheet, []):
            sheets[sheet].append({k: v for k, v in row.items() if k not in CHILDREN.get(sheet, ())})
            if sheet != "procedures":
                continue
            parent = {"procedure": row["code"], "version": row["version"]}
            for child in CHILDREN["procedures"]:
                for item in row.get(child, []):
                    sheets[child].append(parent | {k: v for k, v in item.items() if k != "steps"})
                    for step in item.get("steps", []):
                        sheets["steps"].append(parent | {"process_agency": item.get("agency", "")} | step)
    return sheets


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "list":
        return "; ".join(value)
    if column.kind == "lines":
        return "\n".join(value)
    if column.kind == "fee_rows":
        return "\n".join(f"{row['label']} = {row['amount']}" for row in value)
    if column.kind == "bool":
        return "có" if value else "không"
    return value


def export_xlsx(codes: Iterable[str] | None = None) -> bytes:
    return document_xlsx(catalog_document(codes))


def document_xlsx(document: dict[str, Any]) -> bytes:
    """Write a catalogue document as a workbook, one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    guide = workbook.active
    guide.title = "huong_dan"
    guide.append(["Danh mục thủ tục hành chính — motcua (định dạng motcua-catalog, phiên bản 1)"])
    guide.append(["Mỗi trang là một bảng; dòng đầu là tên cột, mã cột trong ngoặc. Trang này được bỏ qua khi nhập."])
    guide.append(["Nhập lại tệp này không thay đổi gì; một dòng lỗi thì không nhập gì và báo lỗi theo dòng, cột."])
    for sheet, rows in flat_rows(document).items():
        ws = workbook.create_sheet(sheet)
        columns = SHEETS[sheet]
        ws.append([c.header() for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(c, row.get(c.key)) for c in columns])
        for index, column in enumerate(columns, start=1):
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = 18 if column.kind != "text" else 40
            for cell in ws[letter][1:]:
                if column.kind in ("code", "text", "list", "lines", "fee_rows", "choice"):
                    cell.number_format = "@"
                if column.kind == "date":
                    cell.number_format = "yyyy-mm-dd"
                if column.kind in ("text", "lines", "fee_rows"):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
