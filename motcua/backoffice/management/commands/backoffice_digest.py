"""``motcua backoffice digest``: the daily reminder e-mail to staff, for cron where no worker runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.backoffice.digest import send_digests


class Command(BaseCommand):
    help = "E-mail each staff user what is due today and tomorrow and what is overdue in their scope."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", action="append", dest="users", help="Only this user name (repeatable).")
        parser.add_argument("--dry-run", action="store_true", help="Build the e-mails but send nothing.")
        parser.add_argument("--site-url", default="", help="Base URL for the links, e.g. https://motcua.hanoi.gov.vn")

    def handle(self, *args: Any, **options: Any) -> None:
        sent, skipped = send_digests(
            usernames=options["users"], dry_run=options["dry_run"], site_url=options["site_url"]
        )
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(f"digest: {verb} {sent}, nothing due for {skipped}")
