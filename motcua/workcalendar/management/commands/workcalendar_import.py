"""`motcua workcalendar import FILE [--calendar CODE]`: create or update calendar entries from a CSV file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ValidationFailed
from motcua.workcalendar.models import NATIONAL_CODE
from motcua.workcalendar.selectors import calendar_get
from motcua.workcalendar.services import calendar_national_ensure, entries_import
from motcua.workcalendar.services.importing import COLUMNS


class Command(BaseCommand):
    help = (
        "Create or update the entries of a working calendar from a CSV file with the columns "
        + ", ".join(COLUMNS)
        + " (see docs/workcalendar.md). All or nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV file (UTF-8).")
        parser.add_argument("--calendar", default=NATIONAL_CODE, help="Calendar code (default: national).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        code = options["calendar"]
        calendar = calendar_national_ensure() if code == NATIONAL_CODE else calendar_get(code)
        if calendar is None:
            raise CommandError(f"No calendar has the code {code}.")
        try:
            result = entries_import(calendar=calendar, text=path.read_text(encoding="utf-8"))
        except ValidationFailed as exc:
            lines = "\n".join(f"  {key}: {', '.join(map(str, v))}" for key, v in exc.as_dict()["fields"].items())
            raise CommandError(f"{exc.message}\n{lines}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{calendar.code}: {result.created} entries created, {result.updated} updated.")
        )
