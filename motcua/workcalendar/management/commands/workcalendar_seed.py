"""`motcua workcalendar seed YEAR [--calendar CODE]`: write a year's computed statutory holidays as unconfirmed
entries, to be corrected from the year's official announcement."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ValidationFailed
from motcua.workcalendar.models import NATIONAL_CODE
from motcua.workcalendar.selectors import calendar_get
from motcua.workcalendar.services import calendar_national_ensure, calendar_seed_statutory


class Command(BaseCommand):
    help = "Write the statutory holidays of YEAR (computed from the Labour Code) as unconfirmed entries."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--calendar", default=NATIONAL_CODE, help="Calendar code (default: national).")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["calendar"]
        calendar = calendar_national_ensure() if code == NATIONAL_CODE else calendar_get(code)
        if calendar is None:
            raise CommandError(f"No calendar has the code {code}.")
        try:
            count = calendar_seed_statutory(calendar=calendar, year=options["year"])
        except ValidationFailed as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(self.style.SUCCESS(f"{calendar.code} {options['year']}: {count} entries written."))
