"""`motcua catalog import FILE`: import the catalogue and internal processes from xlsx or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.importing import ImportFailed, catalog_import


class ProgressBar:
    """A progress bar on stderr for large files (silent when stderr is not a terminal, unless forced)."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, force: bool = False) -> None:
        self.stream = stream
        self.enabled = force or stream.isatty()
        self.shown = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if step == "read":
            self.stream.write(f"\rĐang đọc tệp: {done} dòng")
        else:
            filled = self.WIDTH * done // total if total else self.WIDTH
            percent = 100 * done // total if total else 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\rĐang kiểm tra và nhập: [{bar}] {done}/{total} ({percent}%)")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import procedures, versions, decisions and internal processes from an .xlsx or .json file. "
        "Every row is checked; if any fails nothing is imported and every error is listed (in Vietnamese). "
        "Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Path of the .xlsx or .json file.")
        parser.add_argument("--check", action="store_true", help="Check the file only; write nothing.")
        parser.add_argument("--progress", action="store_true", help="Show the progress bar even when piped.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        bar = ProgressBar(sys.stderr, force=options["progress"])
        try:
            report = catalog_import(path.read_bytes(), filename=path.name, progress=bar, dry_run=options["check"])
        except ImportFailed as failed:
            bar.close()
            for issue in failed.issues:
                self.stderr.write(f"- {issue}")
            raise CommandError(failed.message) from failed
        bar.close()
        prefix = "Kiểm tra xong (không ghi gì): " if options["check"] else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))
