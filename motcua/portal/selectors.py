"""Reads the portal needs beyond the domain selectors: the applicant behind an account, the filing place nearest
to them or matching a search, whether a dossier waits for its applicant, the drafts a list leaves out. Where a
procedure can be filed is :func:`motcua.catalog.selectors.filing_places`; a dossier's timeline and files are
:mod:`motcua.dossiers.selectors`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from motcua.accounts.models import Applicant
from motcua.catalog.normalize import fold
from motcua.catalog.selectors import Place
from motcua.dossiers.models import Dossier, DossierEvent, Pause
from motcua.dossiers.services.processing import ANSWERABLE_PAUSES
from motcua.orgs.models import Agency


def applicant_of(user: Any) -> Applicant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user=user).first()


def waiting_for_applicant(dossier: Dossier, events: list[DossierEvent]) -> DossierEvent | None:
    """When processing is paused for the applicant's documents (a supplement after appraisal, or waiting for the
    applicant): the pause event, with the items asked for; otherwise None."""
    if dossier.state != "paused":
        return None
    pause = Pause.objects.filter(dossier=dossier, ended_at__isnull=True).first()
    if pause is None or pause.reason not in ANSWERABLE_PAUSES:
        return None
    found = [e for e in events if e.action == "pause"]
    return found[-1] if found else None


def without_deleted_drafts(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Leave out the drafts their applicant deleted (withdrawn without ever being submitted)."""
    return qs.exclude(state="withdrawn", submitted_at__isnull=True, received_at__isnull=True)


def _agency_names(agency: Agency) -> list[str]:
    return [fold(name).strip() for name in (agency.short_name, agency.name) if name]


def home_place(places: list[Place], address: str) -> Place | None:
    """The place whose lead agency is the applicant's own commune or ward, read from their address: one of its
    comma-separated parts is the agency's short name ("Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội" →
    "Phường Hoàn Kiếm"), compared without case or diacritics. None when no part names exactly one place."""
    parts = {fold(part).strip() for part in (address or "").split(",") if part.strip()}
    found = [p for p in places if parts & set(_agency_names(p.handling))]
    return found[0] if len(found) == 1 else None


def places_matching(places: list[Place], q: str) -> list[Place]:
    """The places whose lead agency or desk name contains ``q`` (without case or diacritics)."""
    needle = fold(q).strip()
    if not needle:
        return places
    return [p for p in places if needle in fold(f"{p.handling.name} {p.handling.short_name} {p.desk.name}")]
