"""The catalogue's rules as checks that return problems (see ``catalog.problems``).

- :func:`version_problems`: a version's content is complete and coherent;
- :func:`process_problems`: an internal process is well formed, its longest path adds up exactly to the
  committed limit, it is applied where the version is implemented, and every unit and role it names exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from motcua.catalog import limits
from motcua.catalog.content import StepData, VersionContent
from motcua.catalog.models import (
    DurationUnit,
    FeeKind,
    Field,
    Level,
    OnlineLevel,
    ProcedureVersion,
    Requirement,
    StepKind,
)
from motcua.catalog.problems import Path, Problem
from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole, Unit
from motcua.workcalendar.units import TimeUnit

#: Who does the steps that have a fixed actor.
ROLE_OF_KIND: dict[str, str] = {StepKind.DECIDE: Role.LEADER}
DESK_KINDS = (StepKind.RECEIVE, StepKind.RETURN)


def _choice(problems: list[Problem], path: Path, value: str, choices: Iterable[str]) -> None:
    allowed = list(choices)
    if value not in allowed:
        problems.append(Problem("bad_choice", path, {"value": value, "choices": ", ".join(allowed)}))


def _url_ok(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def version_problems(content: VersionContent) -> list[Problem]:
    problems = [
        Problem("required", (name,)) for name in ("name", "implementing_agency") if not getattr(content, name).strip()
    ]
    if not Field.objects.filter(code=content.field_code).exists():
        problems.append(Problem("unknown_field", ("field",), {"value": content.field_code}))
    _choice(problems, ("level",), content.level, Level.values)
    _choice(problems, ("online_level",), content.online_level, OnlineLevel.values)
    problems += _limit_problems(content)
    problems += _channel_problems(content)
    if not (content.for_citizens or content.for_organisations):
        problems.append(Problem("no_applicant_kind", ("applicant_kinds",)))
    problems += _agency_problems(content)
    for index, result in enumerate(content.results):
        if not result.strip():
            problems.append(Problem("required", ("results", index)))
    for index, basis in enumerate(content.legal_bases):
        for name in ("number", "title"):
            if not getattr(basis, name).strip():
                problems.append(Problem("required", ("legal_bases", index, name)))
    problems += _component_problems(content)
    problems += _fee_problems(content)
    return problems


def _limit_problems(content: VersionContent) -> list[Problem]:
    problems: list[Problem] = []
    pairs = (
        ("limit", content.limit_amount, content.limit_unit),
        ("committed", content.committed_amount, content.committed_unit),
    )
    for prefix, amount, unit in pairs:
        if unit not in TimeUnit.values:
            _choice(problems, (f"{prefix}_unit",), unit, TimeUnit.values)
        elif not limits.amount_step_ok(amount, unit):
            problems.append(Problem("bad_amount", (f"{prefix}_amount",), {"unit": unit}))
    if not problems and not limits.same_or_shorter(
        content.committed_amount, content.committed_unit, content.limit_amount, content.limit_unit
    ):
        problems.append(Problem("committed_longer", ("committed_amount",)))
    return problems


def _channel_problems(content: VersionContent) -> list[Problem]:
    problems: list[Problem] = []
    if not (content.channel_counter or content.channel_postal or content.channel_online):
        problems.append(Problem("no_channel", ("channels",)))
    if content.channel_online and content.online_level == OnlineLevel.NONE:
        problems.append(Problem("online_without_level", ("online_level",)))
    if not content.channel_online and content.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL):
        problems.append(Problem("online_level_without_channel", ("online_level",)))
    if content.online_level == OnlineLevel.PARTIAL and not content.partial_reason.strip():
        problems.append(Problem("partial_needs_reason", ("partial_reason",)))
    return problems


def _agency_problems(content: VersionContent) -> list[Problem]:
    problems: list[Problem] = []
    if not content.agency_codes and not content.agency_kinds:
        problems.append(Problem("no_implementing_agency", ("agencies",)))
    known = set(Agency.objects.filter(code__in=content.agency_codes).values_list("code", flat=True))
    problems += [
        Problem("unknown_agency", ("agencies",), {"value": code}) for code in content.agency_codes if code not in known
    ]
    for kind in content.agency_kinds:
        _choice(problems, ("agency_kinds",), kind, AgencyKind.values)
    return problems


def _component_problems(content: VersionContent) -> list[Problem]:
    problems: list[Problem] = []
    for index, component in enumerate(content.components):
        path: Path = ("components", index)
        if not component.name.strip():
            problems.append(Problem("required", (*path, "name")))
        if component.originals + component.certified_copies + component.copies <= 0:
            problems.append(Problem("component_no_copies", (*path, "copies")))
        _choice(problems, (*path, "requirement"), component.requirement, Requirement.values)
        if component.requirement == Requirement.CONDITIONAL and not component.condition.strip():
            problems.append(Problem("conditional_needs_condition", (*path, "condition")))
        if component.form_url and not _url_ok(component.form_url):
            problems.append(Problem("bad_url", (*path, "form_url"), {"value": component.form_url}))
    return problems


def _fee_problems(content: VersionContent) -> list[Problem]:
    problems: list[Problem] = []
    for index, fee in enumerate(content.fees):
        path: Path = ("fees", index)
        _choice(problems, (*path, "kind"), fee.kind, FeeKind.values)
        if not fee.name.strip():
            problems.append(Problem("required", (*path, "name")))
        if fee.amount is None and not fee.rows:
            problems.append(Problem("fee_needs_amount", (*path, "amount")))
        if any(not row.label.strip() or row.amount < 0 for row in fee.rows):
            problems.append(Problem("fee_row_invalid", (*path, "rows")))
    return problems


# --- internal processes -------------------------------------------------------------------------------


def process_problems(
    *,
    version: ProcedureVersion,
    agency: Agency | None,
    steps: Sequence[StepData],
    working_hours_equivalent: Decimal | None,
) -> list[Problem]:
    """Every reason why this process cannot be approved for ``version`` at ``agency`` (None: template)."""
    problems = step_shape_problems(steps)
    problems += _sum_problems(version, steps, working_hours_equivalent)
    scope, scope_problems = _scope(version, agency)
    problems += scope_problems
    if scope:
        problems += _staffing_problems(steps, scope)
    return problems


def step_shape_problems(steps: Sequence[StepData]) -> list[Problem]:
    """What must hold of the steps alone, for drafts too."""
    problems: list[Problem] = []
    if not steps:
        return [Problem("no_steps", ("steps",))]
    for index, step in enumerate(steps):
        path: Path = ("steps", index)
        _choice(problems, (*path, "kind"), step.kind, StepKind.values)
        _choice(problems, (*path, "role"), step.role, Role.values)
        _choice(problems, (*path, "duration_unit"), step.duration_unit, DurationUnit.values)
        if step.duration_amount <= 0:
            problems.append(Problem("bad_duration", (*path, "duration")))
        elif step.duration_unit == DurationUnit.HALF_DAY and step.duration_amount % 1:
            problems.append(Problem("bad_half_days", (*path, "duration")))
        needed = _required_role(step.kind, index, len(steps))
        if needed and step.role != needed:
            problems.append(
                Problem(
                    "wrong_role_for_kind",
                    (*path, "role"),
                    {"kind": step.kind, "role": needed},
                )
            )
        if step.kind in DESK_KINDS and step.parallel_group:
            problems.append(Problem("group_in_receive_return", (*path, "parallel_group")))
    if steps[0].kind != StepKind.RECEIVE:
        problems.append(Problem("first_not_receive", ("steps", 0, "kind")))
    if steps[-1].kind != StepKind.RETURN:
        problems.append(Problem("last_not_return", ("steps", len(steps) - 1, "kind")))
    problems += [Problem("group_scattered", ("steps",), {"group": g}) for g in limits.scattered_groups(_timed(steps))]
    return problems


def _required_role(kind: str, index: int, count: int) -> str | None:
    """The desk receives and returns the dossier; a leader decides and signs."""
    if kind in DESK_KINDS and index in (0, count - 1):
        return Role.DESK_OFFICER
    return ROLE_OF_KIND.get(kind)


def _timed(steps: Sequence[StepData]) -> list[limits.TimedStep]:
    timed = []
    for index, step in enumerate(steps):
        hours = (
            limits.duration_hours(step.duration_amount, step.duration_unit)
            if step.duration_unit in DurationUnit.values
            else Decimal(0)
        )
        timed.append(limits.TimedStep(position=index, parallel_group=step.parallel_group, hours=hours))
    return timed


def total_hours(steps: Sequence[StepData]) -> Decimal:
    return limits.longest_path_hours(_timed(steps))


def _sum_problems(version: ProcedureVersion, steps: Sequence[StepData], equivalent: Decimal | None) -> list[Problem]:
    committed = limits.limit_hours(version.committed_amount, version.committed_unit)
    unit = version.committed_unit
    if committed is None and equivalent is None:
        return [Problem("equivalent_required", ("working_hours_equivalent",), {"unit": unit})]
    if committed is not None and equivalent is not None:
        return [Problem("equivalent_not_applicable", ("working_hours_equivalent",))]
    target = committed if committed is not None else equivalent
    total = total_hours(steps)
    if steps and target is not None and total != target:
        return [
            Problem(
                "sum_mismatch",
                ("steps",),
                {
                    "total": _fmt(total),
                    "limit": _fmt(target),
                    "amount": _fmt(version.committed_amount),
                    "unit": unit,
                },
            )
        ]
    return []


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _scope(version: ProcedureVersion, agency: Agency | None) -> tuple[list[Agency], list[Problem]]:
    """The agencies the process will be applied at."""
    kinds = version.agency_kind_list
    if agency is None:
        if not kinds:
            return [], [Problem("template_without_kinds", ("agency",))]
        return list(Agency.objects.filter(kind__in=kinds, is_active=True)), []
    implementing = agency.kind in kinds or version.agencies.filter(pk=agency.pk).exists()
    if not implementing:
        return [], [Problem("agency_not_implementing", ("agency",), {"agency": agency.code})]
    return [agency], []


def resolve_step_agencies(steps: Sequence[StepData]) -> tuple[dict[str, Agency], list[Problem]]:
    codes = {s.agency_code for s in steps if s.agency_code}
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    problems = [
        Problem("unknown_agency", ("steps", i, "agency"), {"value": s.agency_code})
        for i, s in enumerate(steps)
        if s.agency_code and s.agency_code not in found
    ]
    return found, problems


def _staffing_problems(steps: Sequence[StepData], scope: list[Agency]) -> list[Problem]:
    """Every unit a step names exists and has an active member with the step's role."""
    named, problems = resolve_step_agencies(steps)
    ids = {a.pk for a in scope} | {a.pk for a in named.values()}
    units = set(Unit.objects.filter(agency_id__in=ids, is_active=True).values_list("agency_id", "code"))
    roles: set[tuple[int, str | None, str]] = set()
    for agency_id, unit_code, role in StaffRole.objects.filter(
        agency_id__in=ids, is_active=True, user__is_active=True
    ).values_list("agency_id", "unit__code", "role"):
        roles.add((agency_id, unit_code, role))
        roles.add((agency_id, None, role))
    for index, step in enumerate(steps):
        targets = [named[step.agency_code]] if step.agency_code in named else ([] if step.agency_code else scope)
        no_unit = [a for a in targets if step.unit_code and (a.pk, step.unit_code) not in units]
        no_role = [a for a in targets if a not in no_unit and (a.pk, step.unit_code or None, step.role) not in roles]
        path: Path = ("steps", index)
        if no_unit:
            problems.append(_where_problem("unknown_unit", (*path, "unit"), step, no_unit))
        if no_role:
            problems.append(_where_problem("role_missing", (*path, "role"), step, no_role))
    return problems


def _where_problem(code: str, path: Path, step: StepData, agencies: list[Agency]) -> Problem:
    examples = ", ".join(a.code for a in agencies[:5]) + (" …" if len(agencies) > 5 else "")
    where = f"{step.unit_code} @ {examples}" if step.unit_code else examples
    return Problem(
        code,
        path,
        {"agency": examples, "unit": step.unit_code, "role": step.role, "where": where, "count": len(agencies)},
    )
