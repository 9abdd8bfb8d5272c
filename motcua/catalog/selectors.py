"""Reads of the catalogue for pages, the API, the dossier workflow and the indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.catalog import limits
from motcua.catalog.models import (
    Component,
    DecisionItem,
    Field,
    InternalProcess,
    Procedure,
    ProcedureVersion,
    ProcessStatus,
    ProcessStep,
    VersionStatus,
)
from motcua.core import clock
from motcua.core.errors import NotFound, ValidationFailed
from motcua.orgs.models import Agency, AgencyKind, Unit


def _day(moment: dt.datetime | dt.date | None) -> dt.date:
    if moment is None:
        return clock.today()
    if isinstance(moment, dt.datetime):
        return moment.astimezone(clock.VN_TZ).date()
    return moment


def valid_on_filter(day: dt.date, prefix: str = "") -> Q:
    """Published versions whose validity window contains ``day``."""
    return Q(**{f"{prefix}status": VersionStatus.PUBLISHED, f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def current_versions(on: dt.date | None = None) -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(valid_on_filter(_day(on)))


def procedure_get(code: str) -> Procedure | None:
    return Procedure.objects.filter(code=code).first()


def procedure_version_valid_on(
    procedure: Procedure, moment: dt.datetime | dt.date | None = None
) -> ProcedureVersion | None:
    """The published version in force at ``moment`` (Vietnam date; default now), or None.

    A dossier records this version when it is submitted and keeps it forever (the version is immutable).
    """
    return procedure.versions.filter(valid_on_filter(_day(moment))).select_related("procedure", "field").first()


def version_detail(version_id: int) -> ProcedureVersion:
    """A version with everything a detail page shows, prefetched."""
    steps = ProcessStep.objects.select_related("agency")
    approved = (
        InternalProcess.objects.filter(status=ProcessStatus.APPROVED)
        .select_related("agency")
        .prefetch_related(Prefetch("steps", queryset=steps))
    )
    return (
        ProcedureVersion.objects.select_related("procedure", "field")
        .prefetch_related(
            "legal_bases",
            "components",
            "fees",
            "agencies",
            Prefetch("processes", queryset=approved, to_attr="approved_processes"),
            Prefetch("decision_items", queryset=DecisionItem.objects.select_related("decision")),
        )
        .get(pk=version_id)
    )


@dataclass(frozen=True)
class ResolvedStep:
    """A step as it applies at one agency: handling agency and unit resolved."""

    step: ProcessStep
    position: int
    kind: str
    agency: Agency
    unit: Unit | None
    role: str
    duration_amount: Decimal
    duration_unit: str
    duration_hours: Decimal
    parallel_group: str
    description: str


@dataclass(frozen=True)
class ResolvedProcess:
    process: InternalProcess
    agency: Agency
    steps: list[ResolvedStep]

    @property
    def total_hours(self) -> Decimal:
        return limits.longest_path_hours(
            [limits.TimedStep(s.position, s.parallel_group, s.duration_hours) for s in self.steps]
        )


def step_hours(step: ProcessStep) -> Decimal:
    return limits.duration_hours(step.duration_amount, step.duration_unit)


def process_hours(steps: Iterable[ProcessStep]) -> Decimal:
    """Working hours along the longest path of these steps."""
    return limits.longest_path_hours([limits.TimedStep(s.position, s.parallel_group, step_hours(s)) for s in steps])


def approved_process(version: ProcedureVersion, agency: Agency) -> InternalProcess | None:
    """The approved process of ``version`` at ``agency``: the agency's own, else the version's template
    when the agency is of a kind that implements it."""
    approved = InternalProcess.objects.filter(version=version, status=ProcessStatus.APPROVED)
    own = approved.filter(agency=agency).first()
    if own is not None:
        return own
    if agency.kind in version.agency_kind_list:
        return approved.filter(agency__isnull=True).first()
    return None


def process_for(version: ProcedureVersion, agency: Agency) -> ResolvedProcess:
    """The approved internal process of ``version`` at ``agency`` with its steps in order.

    Raises ``NotFound`` when no approved process applies, ``ValidationFailed`` when a unit a template names
    is missing at ``agency``.
    """
    process = approved_process(version, agency)
    if process is None:
        raise NotFound(
            _("No approved internal process of %(code)s v%(number)s applies at %(agency)s.")
            % {"code": version.procedure.code, "number": version.number, "agency": agency.code},
            code="no_process",
        )
    steps = list(process.steps.select_related("agency"))
    wanted = {(step.agency_id or agency.pk, step.unit_code) for step in steps if step.unit_code}
    units = {
        (u.agency_id, u.code): u
        for u in Unit.objects.filter(
            agency_id__in={a for a, _c in wanted}, code__in={c for _a, c in wanted}, is_active=True
        ).select_related("agency")
    }
    resolved = []
    for step in steps:
        handling = step.agency or agency
        unit = units.get((handling.pk, step.unit_code)) if step.unit_code else None
        if step.unit_code and unit is None:
            raise ValidationFailed(
                _("%(agency)s has no active unit “%(unit)s” named by the process.")
                % {"agency": handling.code, "unit": step.unit_code},
                code="unknown_unit",
            )
        resolved.append(
            ResolvedStep(
                step=step,
                position=step.position,
                kind=step.kind,
                agency=handling,
                unit=unit,
                role=step.role,
                duration_amount=step.duration_amount,
                duration_unit=step.duration_unit,
                duration_hours=limits.duration_hours(step.duration_amount, step.duration_unit),
                parallel_group=step.parallel_group,
                description=step.description,
            )
        )
    return ResolvedProcess(process=process, agency=agency, steps=resolved)


def field_list(on: dt.date | None = None) -> QuerySet[Field]:
    """Fields with ``procedure_count``: procedures in force today in each."""
    in_force = valid_on_filter(_day(on), prefix="versions__")
    return Field.objects.annotate(procedure_count=Count("versions", filter=in_force))


#: The parts the "complete content" transparency indicator requires (RULES §10).
REQUIRED_PARTS = ("name", "sequence", "channels", "components", "time limit", "applicants", "agency")


def version_missing_parts(version: ProcedureVersion) -> list[str]:
    """Which of :data:`REQUIRED_PARTS` the version lacks (empty: complete)."""
    present = {
        "name": bool(version.name.strip()),
        "sequence": bool(version.sequence.strip()),
        "channels": bool(version.channels),
        "components": version.components.exists(),
        "time limit": version.committed_amount > 0,
        "applicants": bool(version.applicant_kinds),
        "agency": bool(version.implementing_agency.strip()),
    }
    return [part for part in REQUIRED_PARTS if not present[part]]


def publication_facts(start: dt.date, end: dt.date) -> QuerySet[DecisionItem]:
    """Decision items signed in [start, end] with the dates the transparency indicators compare:
    ``decision.signed_on`` vs ``basis_effective_on`` (published on time) and ``decision.made_public_on``
    (made public on time)."""
    return (
        DecisionItem.objects.filter(decision__signed_on__gte=start, decision__signed_on__lte=end)
        .select_related("decision", "procedure", "version")
        .order_by("decision__signed_on", "procedure__code")
    )


def blank_form(code: str, component_id: int) -> Component | None:
    """The component ``component_id`` of the procedure ``code``'s version in force, when it has a blank form file."""
    found = procedure_get(code)
    version = procedure_version_valid_on(found) if found else None
    if version is None:
        return None
    return version.components.exclude(form_file="").filter(pk=component_id).first()


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
