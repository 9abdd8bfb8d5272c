"""Writes to internal processes: drafts are edited, then approved (frozen); a new approval supersedes."""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.actors import Actor, user_of
from motcua.catalog import rules
from motcua.catalog.content import ProcessContent, process_content_of
from motcua.catalog.models import InternalProcess, ProcedureVersion, ProcessStatus, ProcessStep
from motcua.catalog.permissions import require_process_approver, require_process_editor
from motcua.catalog.problems import Problem, raise_problems
from motcua.core import clock
from motcua.orgs.models import Agency


def _write_steps(process: InternalProcess, content: ProcessContent) -> None:
    agencies, problems = rules.resolve_step_agencies(content.steps)
    problems = rules.step_shape_problems(content.steps) + problems
    raise_problems(problems)
    process.working_hours_equivalent = content.working_hours_equivalent
    process.note = content.note
    process.save()
    process.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(
            process=process,
            position=index,
            kind=step.kind,
            agency=agencies.get(step.agency_code),
            unit_code=step.unit_code,
            role=step.role,
            duration_amount=step.duration_amount,
            duration_unit=step.duration_unit,
            parallel_group=step.parallel_group,
            description=step.description,
        )
        for index, step in enumerate(content.steps, 1)
    )


@transaction.atomic
def process_save_draft(
    *, version: ProcedureVersion, agency: Agency | None, content: ProcessContent, actor: Actor | None = None
) -> InternalProcess:
    """Create the draft process of ``version`` at ``agency`` (None: the template), or rewrite the draft."""
    process = (
        InternalProcess.objects.select_for_update(of=("self",))
        .filter(version=version, agency=agency, status=ProcessStatus.DRAFT)
        .first()
    ) or InternalProcess(version=version, agency=agency)
    require_process_editor(actor, process)
    _write_steps(process, content)
    return process


@transaction.atomic
def process_approve(*, process: InternalProcess, actor: Actor | None = None) -> InternalProcess:
    """Approve a draft: the version must be published and every rule of ``rules.process_problems`` hold.

    The process approved before for the same version and agency is superseded (kept, never edited).
    """
    process = (
        InternalProcess.objects.select_for_update(of=("self",)).select_related("version", "agency").get(pk=process.pk)
    )
    require_process_approver(actor, process)
    if process.status != ProcessStatus.DRAFT:
        raise_problems([Problem("process_not_draft", ())], code="process_approved")
    problems = [] if process.version.is_published else [Problem("version_not_published", ("version",))]
    content = process_content_of(process)
    problems += rules.process_problems(
        version=process.version,
        agency=process.agency,
        steps=content.steps,
        working_hours_equivalent=content.working_hours_equivalent,
    )
    raise_problems(problems)
    now = clock.now()
    for old in InternalProcess.objects.select_for_update(of=("self",)).filter(
        version=process.version, agency=process.agency, status=ProcessStatus.APPROVED
    ):
        old.status = ProcessStatus.SUPERSEDED
        old.superseded_at = now
        old.save(update_fields=["status", "superseded_at"])
    process.status = ProcessStatus.APPROVED
    process.approved_at = now
    process.approved_by = user_of(actor)
    process.save(update_fields=["status", "approved_at", "approved_by"])
    return process


@transaction.atomic
def process_define(
    *, version: ProcedureVersion, agency: Agency | None, content: ProcessContent, actor: Actor | None = None
) -> InternalProcess:
    """Save ``content`` as a draft and approve it at once (imports, the demo)."""
    process = process_save_draft(version=version, agency=agency, content=content, actor=actor)
    return process_approve(process=process, actor=actor)
