"""The report as an A4 landscape PDF (WeasyPrint): the national heading, the title, period and agency, the table
with its two header rows repeated on every page, the total row. The font is the forms' Vietnamese-complete face
(``motcua.dossiers.documents.render.font_css``), set on ``@page`` too so the page numbers use it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from motcua.dossiers.documents.render import FAMILY, font_css
from motcua.reports.table import COLUMNS, GROUPS, KEYS, Report
from motcua.reports.xlsx import TITLE, lead_labels, period_text, scope_text

STYLESHEET = Path(__file__).resolve().parent / "templates" / "reports" / "report.css"
_local = threading.local()


def _styles() -> tuple[FontConfiguration, CSS]:
    cached = getattr(_local, "styles", None)
    if cached is None:
        config = FontConfiguration()
        css = font_css() + f":root {{ --family: {FAMILY}; }}\n" + STYLESHEET.read_text(encoding="utf-8")
        cached = (config, CSS(string=css.replace("var(--family)", FAMILY), font_config=config))
        _local.styles = cached
    return cached


def groups() -> list[tuple[str, int]]:
    """(label, span) of each column group, in order."""
    return [(str(label), sum(1 for c in COLUMNS if c.group == key)) for key, label in GROUPS.items()]


def report_html(report: Report) -> str:
    """The document (in the active language: files are built in Vietnamese, see ``services.report_job_run``)."""
    spans = dict(groups())
    return render_to_string(
        "reports/report_pdf.html",
        {"report": report, "title": TITLE, "period": period_text(report), "scope": scope_text(report),
         "lead": lead_labels(), "groups": groups(),
         "second": [str(c.label) for c in COLUMNS if spans[str(GROUPS[c.group])] > 1],
         "numbers": range(1, 1 + len(lead_labels()) + len(COLUMNS)),
         "rows": [(r, [r.values[k] for k in KEYS]) for r in report.rows],
         "total": [report.total.values[k] for k in KEYS], "total_label": _("Total")},
    )  # fmt: skip


def report_pdf(report: Report, *, progress: Callable[[float], None] | None = None) -> bytes:
    config, stylesheet = _styles()
    html = report_html(report)
    if progress is not None:
        progress(0.3)
    document = HTML(string=html).render(stylesheets=[stylesheet], font_config=config)
    if progress is not None:
        progress(0.9)
    pdf = document.write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf without a target returns bytes
    if progress is not None:
        progress(1.0)
    return pdf
