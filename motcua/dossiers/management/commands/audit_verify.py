"""`motcua audit verify [--agency CODE]`: check the hash chain of every dossier's history; exit 1 on a break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.audit.verify import Break, verify
from motcua.orgs.models import Agency


class Command(BaseCommand):
    help = (
        "Check the hash chain of every dossier's events: each event's hash is computed again and its link to the "
        "previous event checked. Prints the first broken link of each dossier (edited, reordered, missing, link, "
        "duplicate, truncated, no_history) and exits with status 1 when there is one."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--agency", help="Identifier code of an agency: only dossiers received by or handled in its subtree."
        )
        parser.add_argument("--chunk", type=int, default=10_000, help="Rows fetched per round trip (default 10000).")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"No agency with the code {options['agency']}.")

        def show(found: Break) -> None:
            self.stdout.write(f"BROKEN {found}")

        report = verify(agency=agency, chunk=options["chunk"], on_break=show)
        rate = report.events / report.seconds if report.seconds else 0.0
        self.stdout.write(
            f"Checked {report.dossiers:,} dossiers and {report.events:,} events in {report.seconds:.1f} s "
            f"({rate:,.0f} events/s): {len(report.breaks):,} broken."
        )
        self.stdout.write(f"Heads digest: {report.heads}")
        if not report.ok:
            raise CommandError(f"{len(report.breaks):,} dossier histories are broken.", returncode=1)
