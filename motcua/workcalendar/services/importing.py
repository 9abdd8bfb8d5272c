"""Import of calendar entries from a CSV file (UTF-8, comma-separated, one header line).

Columns: ``date`` (YYYY-MM-DD), ``kind`` (holiday | compensatory | swapped_off | swapped_working), ``name``,
``decision_no``, ``decision_date`` (YYYY-MM-DD or empty), ``source``, ``confirmed`` and ``active``
(true/false, yes/no, 1/0; ``active`` defaults to true). Lines starting with ``#`` are comments.
Each line creates or updates the calendar's entry on that date; the whole file is refused if any line is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.workcalendar.models import Calendar, EntryKind
from motcua.workcalendar.services.calendars import entries_upsert

REQUIRED = ("date", "kind", "name")
COLUMNS = ("date", "kind", "name", "decision_no", "decision_date", "source", "confirmed", "active")
_TRUE = {"true", "yes", "1", "y", "x", "có"}
_FALSE = {"false", "no", "0", "n", "", "không"}


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int


def _bool(value: str, *, default: bool) -> bool:
    text = value.strip().lower()
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("expected true or false, got %(value)r") % {"value": value})


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(_("expected a date YYYY-MM-DD, got %(value)r") % {"value": value}) from None


def _row(raw: dict[str, str]) -> dict[str, Any]:
    missing = [col for col in REQUIRED if not (raw.get(col) or "").strip()]
    if missing:
        raise ValueError(_("missing %(cols)s") % {"cols": ", ".join(missing)})
    kind = raw["kind"].strip()
    if kind not in EntryKind.values:
        raise ValueError(_("unknown kind %(kind)r") % {"kind": kind})
    decision_date = (raw.get("decision_date") or "").strip()
    return {
        "date": _date(raw["date"]),
        "kind": kind,
        "name": raw["name"].strip(),
        "decision_no": (raw.get("decision_no") or "").strip(),
        "decision_date": _date(decision_date) if decision_date else None,
        "source": (raw.get("source") or "").strip(),
        "confirmed": _bool(raw.get("confirmed") or "", default=False),
        "is_active": _bool(raw.get("active") or "", default=True),
    }


def entries_parse(text: str) -> list[dict[str, Any]]:
    """The rows of a CSV file, checked; raises ValidationFailed listing every wrong line."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    header = [name.strip() for name in reader.fieldnames or []]
    if any(col not in header for col in REQUIRED):
        raise ValidationFailed(
            _("The file needs the columns %(cols)s.") % {"cols": ", ".join(COLUMNS)},
            code="bad_header",
            fields={"file": _("Missing columns.")},
        )
    rows: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    seen: dict[dt.date, int] = {}
    for number, raw in enumerate(reader, start=2):
        clean = {(k or "").strip(): (v or "") for k, v in raw.items() if isinstance(v, str)}
        try:
            row = _row(clean)
        except ValueError as exc:
            errors[f"line {number}"] = str(exc)
            continue
        if row["date"] in seen:
            errors[f"line {number}"] = _("date repeated from line %(line)s") % {"line": seen[row["date"]]}
            continue
        seen[row["date"]] = number
        rows.append(row)
    if errors:
        raise ValidationFailed(_("Some lines of the file are not valid."), code="bad_file", fields=errors)
    return rows


@transaction.atomic
def entries_import(*, calendar: Calendar, text: str) -> ImportResult:
    """Create or update ``calendar``'s entries from CSV ``text``; all or nothing."""
    created, updated = entries_upsert(calendar=calendar, rows=entries_parse(text))
    return ImportResult(created=created, updated=updated)
