"""`motcua demo`: migrate the database and load the demo data of every app, idempotently."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Migrate the database and load the realistic demo data (running it twice changes nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-migrate", action="store_true", help="Skip migrate (the tests use this).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
        logins: list[tuple[str, str, str]] = []
        for dotted in settings.MOTCUA_DEMO_LOADERS:
            module = import_module(dotted)
            with transaction.atomic():
                result = module.load(stdout=self.stdout)
            if result:
                logins.extend(result)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if logins:
            self.stdout.write("\nDemo logins (user name / password — who):")
            for username, password, who in logins:
                self.stdout.write(f"  {username:<22} {password:<14} {who}")
            self.stdout.write("")
