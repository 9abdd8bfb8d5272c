"""Demo data of the workcalendar app: the national calendar with the official schedules 2019–2026.

Idempotent: the national calendar is created once; the schedule file is upserted by date (a second run changes
nothing but the revision, and only when something differs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from motcua.workcalendar.models import CalendarEntry
from motcua.workcalendar.services import calendar_national_ensure, entries_import, entries_parse

SCHEDULE_FILE = Path(__file__).resolve().parent / "data" / "national_2019_2026.csv"


def load(stdout: Any) -> None:
    calendar = calendar_national_ensure()
    text = SCHEDULE_FILE.read_text(encoding="utf-8")
    existing = {e.date: e for e in CalendarEntry.objects.filter(calendar=calendar, date__year__range=(2018, 2026))}
    fields = ("kind", "name", "decision_no", "decision_date", "source", "confirmed", "is_active")
    if all(
        row["date"] in existing and all(getattr(existing[row["date"]], f) == row[f] for f in fields)
        for row in entries_parse(text)
    ):
        stdout.write("workcalendar: national calendar 2019–2026 already loaded.\n")
        return
    result = entries_import(calendar=calendar, text=text)
    stdout.write(
        f"workcalendar: national calendar 2019–2026: {result.created} entries created, {result.updated} updated.\n"
    )
    return
