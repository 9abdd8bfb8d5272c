"""`motcua metrics rebuild`: recount every dossier from the raw tables and rebuild the index aggregates."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from django.core.management.base import BaseCommand

from motcua.metrics.services.rebuild import recount_all


class ProgressBar:
    """``[#####.....] 45% 450,000/1,000,000 dossiers`` on stderr (only on a terminal, unless forced)."""

    WIDTH = 30

    def __init__(self, stream: TextIO, *, force: bool = False) -> None:
        self.stream = stream
        self.enabled = force or stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // total if total else self.WIDTH
        percent = 100 * done // total if total else 100
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d}% {done:,}/{total:,} dossiers")
        self.stream.flush()
        if done >= total:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Recount every dossier's contribution to the 766 index from the raw tables and rebuild the aggregates. "
        "Dossier changes wait while it runs: run it when the desks are closed."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--chunk", type=int, default=5000, help="Dossiers read per batch (default 5000)")
        parser.add_argument("--progress", action="store_true", help="Show the progress bar even without a terminal")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        count = recount_all(progress=ProgressBar(sys.stderr, force=options["progress"]), chunk=options["chunk"])
        self.stdout.write(f"Rebuilt the index of {count:,} dossiers in {time.perf_counter() - began:.1f} s.")
