"""`motcua metrics compact`: fold the journal of index deltas into the totals now (normally done after commits)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.metrics.services.compaction import compact


class Command(BaseCommand):
    help = "Fold the journal of index deltas into the day and month totals."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Folded {compact():,} journal rows.")
