from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.orgs.importing import OrgsImportFailed, import_file


class Command(BaseCommand):
    help = "Import agencies and units from a CSV or JSON file (all rows or none)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report without saving.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            report = import_file(path, dry_run=options["dry_run"])
        except OrgsImportFailed as exc:
            for error in exc.report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)d error(s); nothing was imported.") % {"count": len(exc.report.errors)}
            ) from exc
        self.stdout.write(
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
        )
