"""Reads of dossiers for the API, pages and reports, always within the reader's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierFile, Step
from motcua.dossiers.workflow import TERMINAL, State
from motcua.orgs.policy import Action, can, scope_agency_ids


def visible_dossiers(user: Actor) -> QuerySet[Dossier]:
    """Dossiers ``user`` may see: staff by scope (receiving, lead or a step's agency), applicants their own."""
    qs = Dossier.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    scope = scope_agency_ids(user, Action.VIEW)
    if scope is None:
        return qs
    own = Q(owner=user) | Q(applicant__user=user)
    if not scope:
        return qs.filter(own)
    at_step = Exists(Step.objects.filter(dossier=OuterRef("pk"), agency_id__in=scope))
    return qs.filter(own | Q(receiving_agency_id__in=scope) | Q(handling_agency_id__in=scope) | at_step)


@dataclass
class DossierFilter:
    state: str | None = None
    procedure: str | None = None
    channel: int | None = None
    agency: str | None = None
    overdue: bool | None = None
    q: str | None = None


def dossier_list(user: Actor, filters: DossierFilter) -> QuerySet[Dossier]:
    qs = visible_dossiers(user).select_related("procedure_version__procedure", "receiving_agency", "handling_agency")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.procedure:
        qs = qs.filter(procedure_version__procedure__code=filters.procedure)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.agency:
        qs = qs.filter(Q(receiving_agency__code=filters.agency) | Q(handling_agency__code=filters.agency))
    if filters.overdue is not None:
        late = Q(due_at__lt=clock.now(), decided_at__isnull=True) | Q(decided_at__gt=F("due_at"))
        open_late = late & ~Q(state__in=[s for s in TERMINAL if s != State.RETURNED])
        qs = qs.filter(open_late) if filters.overdue else qs.exclude(open_late)
    if filters.q:
        qs = qs.filter(Q(code__icontains=filters.q) | Q(reference__iexact=filters.q))
    return qs.order_by("-created_at", "-pk")


def dossier_get(user: Actor, dossier_id: int) -> Dossier:
    dossier = (
        Dossier.objects.select_related(
            "procedure_version__procedure", "receiving_agency", "handling_agency", "applicant", "representative"
        )
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None or not can(user, Action.VIEW, dossier):
        raise NotFound(_("No such dossier."), code="dossier_not_found")
    return dossier


# ---- what a dossier page shows (the applicant's and the staff's) ----------------------------------------------


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
