"""`motcua dossiers sweep`: remove stored file content nothing uses any more (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.dossiers.files import files_sweep


class Command(BaseCommand):
    help = (
        "Remove file contents (blobs) no stored file uses and files in the storage no blob names — left by uploads "
        "whose transaction was rolled back — older than --older-than seconds (default one hour)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than", type=int, default=3600, help="Only what is older (seconds).")

    def handle(self, *args: Any, **options: Any) -> None:
        removed = files_sweep(older_than_seconds=max(0, options["older_than"]))
        self.stdout.write(f"Removed {removed['blobs']} unused contents and {removed['files']} unreferenced files.")
