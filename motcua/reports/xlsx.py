"""The report as a spreadsheet laid out like the government's report form: title, period and agency, two merged
header rows (group, column), the numbered column row, one row per agency × field, the total row; numbers are
numbers and the panes are frozen below the headers. Written in openpyxl's write-only mode (streamed rows)."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from motcua.reports.table import COLUMNS, GROUPS, Report, ReportRow

TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
LEAD = 4  # No., agency code, agency, field
HEADER_ROW = 5  # the first header row (title, period, agency and a blank row above)

_thin = Side(style="thin")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
_bold = Font(bold=True)


def _cell(ws: WriteOnlyWorksheet, value: object, *, bold: bool = False, center: bool = False,
          border: bool = True) -> WriteOnlyCell:  # fmt: skip
    cell = WriteOnlyCell(ws, value=value)
    if bold:
        cell.font = _bold
    if center:
        cell.alignment = _center
    if border:
        cell.border = _border
    return cell


def period_text(report: Report) -> str:
    return _("From %(start)s to %(end)s") % {"start": f"{report.start:%d/%m/%Y}", "end": f"{report.end:%d/%m/%Y}"}


def scope_text(report: Report) -> str:
    text = _("Agency: %(name)s (%(code)s) and the agencies under it") % {
        "name": report.root.name, "code": report.root.code,
    }  # fmt: skip
    if report.field is not None:
        text += " — " + _("field: %(name)s") % {"name": report.field.name}
    return text


def lead_labels() -> list[str]:
    return [_("No."), _("Agency code"), _("Agency"), _("Field")]


def _headers(ws: WriteOnlyWorksheet) -> None:
    width = LEAD + len(COLUMNS)
    r1, r2, r3 = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
    top: list[object] = list(lead_labels())
    second: list[object] = [None] * LEAD
    merges = [f"{get_column_letter(i + 1)}{r1}:{get_column_letter(i + 1)}{r2}" for i in range(LEAD)]
    col = LEAD + 1
    for group, label in GROUPS.items():
        span = [c for c in COLUMNS if c.group == group]
        if len(span) == 1:
            top.append(str(label))
            second.append(None)
            merges.append(f"{get_column_letter(col)}{r1}:{get_column_letter(col)}{r2}")
        else:
            top.extend([str(label)] + [None] * (len(span) - 1))
            second.extend(str(c.label) for c in span)
            merges.append(f"{get_column_letter(col)}{r1}:{get_column_letter(col + len(span) - 1)}{r1}")
        col += len(span)
    for row in (top, second):
        ws.append([_cell(ws, v, bold=True, center=True) for v in row])
    ws.append([_cell(ws, f"({i})", center=True) for i in range(1, width + 1)])
    for merge in merges:
        ws.merged_cells.add(merge)
    ws.print_title_rows = f"{r1}:{r3}"


def _row(ws: WriteOnlyWorksheet, number: object, row: ReportRow, *, bold: bool = False) -> list[WriteOnlyCell]:
    lead = [number, row.agency_code, ("  " * row.depth) + row.agency_name, row.field_name]
    return [_cell(ws, v, bold=bold) for v in lead] + [_cell(ws, row.values[c.key], bold=bold) for c in COLUMNS]


def report_xlsx(report: Report, *, progress: Callable[[float], None] | None = None) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet(_("Report")[:31])
    width = LEAD + len(COLUMNS)
    for i, w in enumerate([6, 16, 40, 30] + [11] * len(COLUMNS), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    last = get_column_letter(width)
    # Write-only: the sheet view is written with the first row, so the panes are frozen before any row.
    ws.freeze_panes = f"{get_column_letter(LEAD + 1)}{HEADER_ROW + 3}"
    for line, text in enumerate((TITLE, period_text(report), scope_text(report)), start=1):
        ws.append([_cell(ws, text, bold=line == 1, center=True, border=False)])
        ws.merged_cells.add(f"A{line}:{last}{line}")
    ws.append([])
    _headers(ws)
    n = len(report.rows)
    step = max(1, n // 20)
    for i, row in enumerate(report.rows, start=1):
        ws.append(_row(ws, i, row))
        if progress is not None and i % step == 0:
            progress(i / n)
    lead = [_cell(ws, None), _cell(ws, None), _cell(ws, _("Total"), bold=True), _cell(ws, None)]
    ws.append(lead + [_cell(ws, report.total.values[c.key], bold=True) for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    if progress is not None:
        progress(1.0)
    return out.getvalue()
