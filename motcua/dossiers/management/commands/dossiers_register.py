"""`motcua dossiers register DESK`: write a desk's register (Sổ theo dõi hồ sơ) as PDF or xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.dossiers.documents import register


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Write the register of a desk for a date range (lines numbered from 1 each year) as PDF (A4) or xlsx."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("desk", help="Identifier code of the desk, e.g. 000.00.01.H26.")
        parser.add_argument("--from", dest="date_from", help="First reception day YYYY-MM-DD (default: 1 January).")
        parser.add_argument("--to", dest="date_to", help="Last reception day YYYY-MM-DD (default: today).")
        parser.add_argument("--output", "-o", required=True, help="File to write: .pdf or .xlsx.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.suffix not in (".pdf", ".xlsx"):
            raise CommandError("The output must end with .pdf or .xlsx.")
        date_to = _date(options["date_to"]) if options["date_to"] else clock.today()
        date_from = _date(options["date_from"]) if options["date_from"] else date_to.replace(month=1, day=1)
        pdf = output.suffix == ".pdf"
        try:
            reg = register.register_lines(
                desk=register.desk_by_code(options["desk"]), date_from=date_from, date_to=date_to,
                limit=register.MAX_PDF_LINES_BATCH if pdf else register.MAX_XLSX_LINES,
            )  # fmt: skip
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        data = register.register_pdf(reg) if pdf else register.register_xlsx(reg)
        output.write_bytes(data)
        self.stderr.write(f"Đã ghi {output}: {len(reg.lines)} dòng, {len(data)} byte.")
