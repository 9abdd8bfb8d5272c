"""`motcua catalog export`: write the catalogue and internal processes as xlsx or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.exporting import export_json, export_xlsx


class Command(BaseCommand):
    help = "Export the catalogue (every version, decisions, processes in use) in the format the import reads."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=("xlsx", "json"), help="Default: from the output name, else json.")
        parser.add_argument("--output", "-o", help="File to write; '-' or nothing: standard output (JSON only).")
        parser.add_argument("--code", action="append", help="Only this procedure code (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"]
        fmt = options["format"] or ("xlsx" if output and output.endswith(".xlsx") else "json")
        data = export_xlsx(options["code"]) if fmt == "xlsx" else export_json(options["code"])
        if not output or output == "-":
            if fmt == "xlsx":
                raise CommandError("Give --output FILE.xlsx to export xlsx.")
            sys.stdout.buffer.write(data)
            return
        Path(output).write_bytes(data)
        self.stderr.write(f"Đã ghi {output} ({len(data)} byte).")
