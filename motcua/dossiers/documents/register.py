"""The register (Sổ theo dõi hồ sơ, form 06 of TT 01/2018, form 07 of TT 03/2025) of one desk for a date range.

The lines are the dossiers the desk received, with the register line each got at reception: numbered from 1 each
year per desk and never restarted mid-year (``dossiers_counter``, one locked row per desk and year, taken inside
the reception transaction). So the register is a read: the lines in the range in (year, line) order, as numbered,
grouped by year — a range starting mid-year starts at that line, a range over New Year shows both books. A range
over 1 July 2025 prints each dossier with the set of its reception date: the TT 01/2018 section, then the TT 03/2025
section. PDF (A4 landscape) and xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers import timing
from motcua.dossiers.documents import builders, render, sets, text
from motcua.dossiers.models import Dossier, ReturnMethod, Step
from motcua.dossiers.workflow import State
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, require

log = logging.getLogger("motcua.forms")

#: The most lines one PDF holds through the API (about 20 lines an A4 page, some 20-30 ms of rendering a line, so
#: it stays within a web request's time): beyond it, narrow the range or take the xlsx. The command line allows
#: ``MAX_PDF_LINES_BATCH``.
MAX_PDF_LINES = 600
MAX_PDF_LINES_BATCH = 20_000
#: The most lines one xlsx holds.
MAX_XLSX_LINES = 200_000

COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết / chuyển liên thông",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ghi chú",
)

#: Column widths (per cent of the A4 landscape width): a fixed table layout is several times faster to lay out.
WIDTHS = (3, 12, 11, 4, 8, 9, 8, 6, 6, 10, 7, 7, 9)


@dataclass(frozen=True)
class RegisterLine:
    year: int
    line: int
    set_key: str
    code: str
    procedure: str
    sets: int
    applicant: str
    contact: str
    lead_agency: str
    received_at: dt.datetime
    appointment_at: dt.datetime | None
    transferred_at: dt.datetime | None
    transferred_to: str
    result_at: dt.datetime | None
    returned_at: dt.datetime | None
    notes: str


@dataclass(frozen=True)
class Register:
    desk: Agency
    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    lines: list[RegisterLine]

    def sections(self) -> list[tuple[sets.FormSet, list[RegisterLine]]]:
        """Consecutive lines of one form set (a range over 1 July 2025 has two sections)."""
        out: list[tuple[sets.FormSet, list[RegisterLine]]] = []
        for line in self.lines:
            if not out or out[-1][0].key != line.set_key:
                out.append((sets.SETS[line.set_key], []))
            out[-1][1].append(line)
        return out


def desk_by_code(code: str) -> Agency:
    desk = Agency.objects.select_related("parent").filter(code=code).first()
    if desk is None:
        raise NotFound(_("No agency %(code)s.") % {"code": code}, code="agency_not_found")
    return desk


def _bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    if date_from > date_to:
        raise ValidationFailed(
            _("The range starts after it ends."), code="register_range", fields={"date_to": _("Before date_from.")}
        )
    start = dt.datetime.combine(date_from, dt.time(0), tzinfo=clock.VN_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(0), tzinfo=clock.VN_TZ)
    return start, end


def _transfer(steps: list[Step]) -> tuple[dt.datetime | None, str]:
    """When the desk handed the dossier over, and to which unit: the first step after the desk's reception."""
    for step in steps:
        if step.kind == "receive":
            continue
        if step.started_at is None:
            return None, ""
        where = step.agency.short_name or step.agency.name
        return step.started_at, f"{step.unit.name} — {where}" if step.unit else where
    return None, ""


def _notes(dossier: Dossier, now: dt.datetime) -> str:
    notes = []
    apology = getattr(dossier, "apology", None)
    if apology is not None:
        notes.append(f"Xin lỗi, hẹn lại: {text.short_moment(apology.new_appointment)}")
    if dossier.state == State.STOPPED:
        notes.append(f"Dừng giải quyết {text.short_date(dossier.closed_at)}")
    if dossier.state == State.PAUSED:
        notes.append("Đang tạm dừng")
    if dossier.return_method == ReturnMethod.POST:
        notes.append("Trả qua bưu chính")
    elif dossier.return_method == ReturnMethod.ONLINE:
        notes.append("Trả trực tuyến")
    if dossier.state != State.STOPPED and dossier.due_at is not None:
        verdict = timing.classify(dossier.decided_at, dossier.due_at, now=now)
        if verdict == timing.LATE:
            notes.append("Quá hạn")
    return "; ".join(notes)


def _line(dossier: Dossier, now: dt.datetime) -> RegisterLine:
    assert dossier.received_at is not None and dossier.register_no is not None  # noqa: S101,PT018 - filtered
    transferred_at, transferred_to = _transfer(list(dossier.steps.all()))
    applicant = dossier.applicant
    return RegisterLine(
        year=dossier.register_year or text.local(dossier.received_at).year,
        line=dossier.register_no,
        set_key=sets.set_on(text.local(dossier.received_at).date()).key,
        code=dossier.code or "",
        procedure=dossier.procedure_version.name,
        sets=dossier.sets,
        applicant=applicant.name,
        contact="; ".join(p for p in (applicant.address, applicant.phone) if p),
        lead_agency=dossier.handling_agency.name,
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        transferred_at=transferred_at,
        transferred_to=transferred_to,
        result_at=dossier.result_ready_at,
        returned_at=dossier.returned_at,
        notes=_notes(dossier, now),
    )


def register_read(*, actor: Actor, desk_code: str, date_from: dt.date, date_to: dt.date, limit: int) -> Register:
    """The register of desk ``desk_code`` for dossiers received from ``date_from`` to ``date_to`` (local dates,
    both included), for staff who may view the desk's dossiers."""
    desk = desk_by_code(desk_code)
    require(actor, Action.VIEW, desk)
    register = register_lines(desk=desk, date_from=date_from, date_to=date_to, limit=limit)
    # The register belongs to no single dossier, so its printing is an audit log line, not a dossier event.
    log.info(
        "register of %s from %s to %s (%d lines) taken by %s",
        desk.code, date_from, date_to, len(register.lines), getattr(actor, "username", "?"),
    )  # fmt: skip
    return register


def register_lines(*, desk: Agency, date_from: dt.date, date_to: dt.date, limit: int) -> Register:
    """The register lines, without an access check (the command line; ``register_read`` checks)."""
    start, end = _bounds(date_from, date_to)
    dossiers = (
        Dossier.objects.filter(
            receiving_agency=desk, register_no__isnull=False, received_at__gte=start, received_at__lt=end
        )
        .select_related("procedure_version", "applicant", "handling_agency", "apology")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.select_related("agency", "unit").order_by("position", "pk"))
        )
        .order_by("register_year", "register_no")
    )
    total = dossiers.count()
    if total > limit:
        raise ValidationFailed(
            _(
                "%(count)d dossiers were received in this range; one document holds at most %(limit)d. Narrow the "
                "range, or take the xlsx."
            )
            % {"count": total, "limit": limit},
            code="register_too_large",
            fields={"date_from": _("Narrow the range.")},
        )
    now = clock.now()
    return Register(desk, date_from, date_to, now, [_line(d, now) for d in dossiers])


def _period(register: Register) -> str:
    return f"Từ ngày {register.date_from:%d/%m/%Y} đến ngày {register.date_to:%d/%m/%Y}"


def _section_data(register: Register, form_set: sets.FormSet, lines: list[RegisterLine]) -> dict[str, Any]:
    form = form_set.of_kind(sets.REGISTER)
    assert form is not None  # noqa: S101 - every set has a register
    years: list[dict[str, Any]] = []
    for line in lines:
        if not years or years[-1]["year"] != line.year:
            years.append({"year": line.year, "lines": []})
        years[-1]["lines"].append(
            {
                "line": line.line,
                "code": line.code,
                "procedure": line.procedure,
                "sets": text.count(line.sets),
                "applicant": line.applicant,
                "contact": line.contact,
                "lead_agency": line.lead_agency,
                "received": text.short_moment(line.received_at),
                "appointment": text.short_moment(line.appointment_at),
                "transferred": " ".join(p for p in (text.short_moment(line.transferred_at), line.transferred_to) if p),
                "result": text.short_moment(line.result_at),
                "returned": text.short_moment(line.returned_at),
                "notes": line.notes,
            }  # fmt: skip
        )
    return {
        "form": {
            "set": form_set.key,
            "legal_basis": form_set.legal_basis,
            "number": form.number,
            "title": form.title,
            "issued_at": register.generated_at.isoformat(),
        },  # fmt: skip
        "heading": builders.heading(register.desk, register.generated_at),
        "desk": register.desk.name,
        "period": _period(register),
        "years": years,
        "columns": COLUMNS,
        "widths": WIDTHS,
    }


def register_pdf(register: Register) -> bytes:
    """The register as PDF (A4 landscape): one section per form set, lines grouped by year."""
    sections = register.sections() or [(sets.set_on(register.date_to), [])]
    documents = []
    for form_set, lines in sections:
        data = _section_data(register, form_set, lines)
        form = form_set.of_kind(sets.REGISTER)
        assert form is not None  # noqa: S101
        documents.append((form_set.template(form), {"d": data, "page": form.page}))
    return render.render_pdf_pages(documents, created=register.generated_at)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    return text.local(moment).replace(tzinfo=None) if moment is not None else None


def register_xlsx(register: Register) -> bytes:
    """The register as an xlsx workbook: one sheet per year (its lines as numbered), dates as real dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    by_year: dict[int, list[RegisterLine]] = {}
    for line in register.lines:
        by_year.setdefault(line.year, []).append(line)
    for year in sorted(by_year) or [register.date_to.year]:
        sheet = book.create_sheet(title=str(year))
        sheet.freeze_panes = "A5"
        for column, width in zip("ABCDEFGHIJKLM", (6, 26, 40, 8, 24, 30, 28, 16, 16, 30, 16, 16, 30), strict=True):
            sheet.column_dimensions[column].width = width
        title = WriteOnlyCell(sheet, value=f"SỔ THEO DÕI HỒ SƠ — {register.desk.name} — năm {year}")
        title.font = Font(bold=True, size=13)
        sheet.append([title])
        sheet.append([_period(register)])
        sheet.append([])
        header = []
        for name in COLUMNS:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font, cell.alignment = bold, wrap
            header.append(cell)
        sheet.append(header)
        for line in by_year.get(year, []):
            row: list[Any] = [
                line.line, line.code, line.procedure, line.sets, line.applicant, line.contact, line.lead_agency,
                _naive(line.received_at), _naive(line.appointment_at),
                " ".join(p for p in (text.short_moment(line.transferred_at), line.transferred_to) if p),
                _naive(line.result_at), _naive(line.returned_at), line.notes,
            ]  # fmt: skip
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "hh:mm dd/mm/yyyy"
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
