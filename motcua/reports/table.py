"""The handling report's table: its column groups and columns (the official form's two header rows), a row per
agency × field, and the report itself. The data the services compute and the files (``xlsx``, ``pdf``) render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from motcua.catalog.models import Field
from motcua.orgs.models import Agency


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    group: str


GROUPS: dict[str, Promise] = {
    "received": gettext_lazy("Dossiers received for handling"),
    "resolved": gettext_lazy("Dossiers resolved"),
    "in_progress": gettext_lazy("Dossiers in progress"),
    "withdrawn_stopped": gettext_lazy("Dossiers withdrawn or stopped"),
    "apologies": gettext_lazy("Apologies issued"),
}

COLUMNS: tuple[Column, ...] = (
    Column("received", gettext_lazy("Total number"), "received"),
    Column("carried_over", gettext_lazy("Carried over from the previous period"), "received"),
    Column("new_online", gettext_lazy("New online"), "received"),
    Column("new_counter", gettext_lazy("New at the counter"), "received"),
    Column("new_postal", gettext_lazy("New by post"), "received"),
    Column("resolved", gettext_lazy("Total number"), "resolved"),
    Column("resolved_early", gettext_lazy("Before the due date"), "resolved"),
    Column("resolved_on_time", gettext_lazy("By the due date"), "resolved"),
    Column("resolved_late", gettext_lazy("After the due date"), "resolved"),
    Column("in_progress", gettext_lazy("Total number"), "in_progress"),
    Column("in_progress_on_time", gettext_lazy("Within the time limit"), "in_progress"),
    Column("in_progress_overdue", gettext_lazy("Past the time limit"), "in_progress"),
    Column("withdrawn_stopped", gettext_lazy("Dossiers withdrawn or stopped"), "withdrawn_stopped"),
    Column("apologies", gettext_lazy("Apologies issued"), "apologies"),
)
KEYS = tuple(c.key for c in COLUMNS)


@dataclass
class ReportRow:
    agency_code: str
    agency_name: str
    field_code: str
    field_name: str
    values: dict[str, int]
    depth: int = 0

    def __getitem__(self, key: str) -> int:
        return self.values[key]


@dataclass
class Report:
    root: Agency
    start: dt.date
    end: dt.date
    field: Field | None
    rows: list[ReportRow]
    total: ReportRow
    made_at: dt.datetime
