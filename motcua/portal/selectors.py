"""Reads the portal needs beyond the domain selectors: the applicant behind an account, where a procedure can be
filed, what a dossier page shows (timeline, supplement request, forms)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from motcua.accounts.models import Applicant
from motcua.catalog.models import InternalProcess, ProcedureVersion, ProcessStatus
from motcua.catalog.normalize import fold
from motcua.catalog.selectors import approved_process
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierFile, Pause
from motcua.dossiers.services.processing import ANSWERABLE_PAUSES
from motcua.orgs.models import Agency, AgencyKind


def applicant_of(user: Any) -> Applicant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Applicant.objects.filter(user=user).first()


@dataclass(frozen=True)
class Place:
    """Where a dossier of a procedure is filed: the lead agency, and the desk that receives for it."""

    handling: Agency
    desk: Agency


def _desks_for(agency_ids: list[int]) -> dict[int, Agency]:
    through = Agency.served_agencies.through
    rows = through.objects.filter(
        to_agency_id__in=agency_ids, from_agency__is_active=True, from_agency__kind=AgencyKind.ONE_STOP_CENTRE
    ).select_related("from_agency")
    return {row.to_agency_id: row.from_agency for row in rows}


def filing_places(version: ProcedureVersion) -> list[Place]:
    """Agencies with an approved process for ``version`` (the named ones, and every agency of the kinds it
    applies to when a template process is approved), each with its desk: the one-stop centre serving it, or
    itself."""
    named = [a for a in version.agencies.filter(is_active=True) if approved_process(version, a) is not None]
    kinds = version.agency_kind_list
    template = InternalProcess.objects.filter(
        version=version, status=ProcessStatus.APPROVED, agency__isnull=True
    ).exists()
    by_kind = list(Agency.objects.filter(kind__in=kinds, is_active=True).order_by("name")) if kinds and template else []
    agencies = {a.pk: a for a in [*named, *by_kind]}
    desks = _desks_for(list(agencies))
    return [Place(handling=a, desk=desks.get(a.pk, a)) for a in agencies.values()]


def dossier_files(dossier: Dossier) -> tuple[list[DossierComponent], list[DossierFile]]:
    components = list(dossier.components.select_related("file", "component").order_by("component__position", "pk"))
    results = list(dossier.files.select_related("file").order_by("attached_at", "pk"))
    return components, results


def timeline(dossier: Dossier) -> list[DossierEvent]:
    return list(dossier.events.select_related("actor").order_by("at", "pk"))


def supplement_request(events: list[DossierEvent]) -> DossierEvent | None:
    """The latest request to supplement at reception (form 02): what exactly to fix."""
    found = [e for e in events if e.action == "request_supplement"]
    return found[-1] if found else None


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
