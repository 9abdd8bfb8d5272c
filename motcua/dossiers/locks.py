"""The dossier's row lock: every write to a dossier holds it until its transaction ends, and a writer who saw an
older version gets a clear conflict. Outside ``services`` so that reads with a small write of their own (tracking's
unlock) take the same lock without importing the services."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, NotFound
from motcua.core.rowlock import lock_row
from motcua.dossiers.models import Dossier


def lock(dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The dossier row, locked until the end of the transaction; a stale ``expected_version`` is a conflict."""
    dossier = lock_row(
        Dossier.objects.select_related(
            "procedure_version__procedure", "receiving_agency", "handling_agency", "applicant"
        ),
        dossier_id,
        NotFound(_("No such dossier."), code="dossier_not_found"),
    )
    check_seen_version(dossier, expected_version)
    return dossier


def check_seen_version(dossier: Dossier, expected_version: int | None) -> None:
    if expected_version is not None and dossier.version != expected_version:
        raise Conflict(
            _("The dossier was changed by someone else (version %(now)d, you saw %(seen)d). Reload and try again.")
            % {"now": dossier.version, "seen": expected_version},
            code="version_mismatch",
        )
