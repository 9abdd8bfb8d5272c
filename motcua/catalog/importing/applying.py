"""Applying a plan through the services, all or nothing.

Every record is tried in its own savepoint so that every error of the file is found in one run; the rules are
exactly the services' rules (the same checks, reported here in Vietnamese at the record's row and column).
A record already in the database with the same content is left alone, so re-importing a file changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from django.db import transaction

from motcua.accounts.actors import Actor
from motcua.catalog import services
from motcua.catalog.content import process_content_of, version_content_of
from motcua.catalog.importing import messages
from motcua.catalog.importing.plans import AbolitionPlan, DecisionPlan, Plan, ProcessPlan, VersionPlan
from motcua.catalog.importing.reading import Issue, Loc, Row
from motcua.catalog.models import (
    Decision,
    DecisionItem,
    Field,
    InternalProcess,
    Procedure,
    ProcedureStatus,
    ProcedureVersion,
    ProcessStatus,
)
from motcua.catalog.problems import Problem, ProblemsFound
from motcua.core.errors import DomainError
from motcua.orgs.models import Agency


class Applier:
    def __init__(self, plan: Plan, *, actor: Actor | None, progress: Callable[[int], None] | None) -> None:
        self.plan = plan
        self.actor = actor
        self.progress = progress or (lambda n: None)
        self.issues: list[Issue] = []
        self.counts: Counter[str] = Counter()

    def run(self) -> None:
        for field in self.plan.fields:
            with self._record(field.row):
                stored = Field.objects.filter(code=field.code).values_list("name", "sector").first()
                if stored != (field.name, field.sector):
                    services.field_save(code=field.code, name=field.name, sector=field.sector, actor=self.actor)
                    self.counts["fields"] += 1
        for decision in self.plan.decisions:
            with self._record(decision.row):
                self._decision(decision)
        for version in self.plan.versions:
            saved = None
            with self._record(version.row, version=version):
                saved = self._version(version)
            for process in version.processes:
                if saved is None:
                    continue  # the version's own error is reported; its processes cannot be checked
                with self._record(process.row, process=process):
                    self._process(saved, process)
        for abolition in self.plan.abolitions:
            with self._record(abolition.row):
                self._abolish(abolition)

    # --- one record ---------------------------------------------------------------------------------

    @contextmanager
    def _record(
        self, row: Row, *, version: VersionPlan | None = None, process: ProcessPlan | None = None
    ) -> Iterator[None]:
        try:
            with transaction.atomic():
                yield
        except ProblemsFound as found:
            for problem in found.problems:
                self.issues.append(self._issue(row, problem, version=version, process=process))
        except DomainError as error:
            self.issues.append(Issue(row.loc, None, messages.vi("other", {"value": error.message})))
        finally:
            self.progress(1)

    def _fail(self, problem: str, path: tuple[str | int, ...] = (), **params: Any) -> NoReturn:
        raise ProblemsFound([Problem(problem, path, params)])

    def _issue(self, row: Row, problem: Problem, *, version: VersionPlan | None, process: ProcessPlan | None) -> Issue:
        loc, column = row.loc, None
        path = problem.path
        if path and path[0] in ("legal_bases", "components", "fees", "steps") and len(path) > 1:
            children = row.children.get(str(path[0]), [])
            index = int(path[1])
            if index < len(children):
                loc = children[index].loc
            column = str(path[2]) if len(path) > 2 else None
        elif path and path[0] != "steps":
            column = str(path[0])
        return Issue(loc, _column(loc, column), messages.vi(problem.code, problem.params))

    # --- decisions ----------------------------------------------------------------------------------

    def _decision(self, plan: DecisionPlan) -> None:
        issuer = None
        if plan.issuer:
            issuer = Agency.objects.filter(code=plan.issuer).first()
            if issuer is None:
                self._fail("unknown_agency", ("issuer",), value=plan.issuer)
        existing = Decision.objects.filter(number=plan.number).first()
        if existing is None:
            services.decision_create(
                number=plan.number,
                signed_on=plan.signed_on,
                signer=plan.signer,
                effective_on=plan.effective_on,
                issuer=issuer,
                made_public_on=plan.made_public_on,
                note=plan.note,
                actor=self.actor,
            )
            self.counts["decisions"] += 1
            return
        same = (existing.signed_on, existing.signer, existing.effective_on, existing.issuer_id, existing.note) == (
            plan.signed_on,
            plan.signer,
            plan.effective_on,
            issuer.pk if issuer else None,
            plan.note,
        )
        if not same or (existing.made_public_on and existing.made_public_on != plan.made_public_on):
            self._fail("decision_differs", ("number",), value=plan.number)
        if plan.made_public_on and existing.made_public_on is None:
            services.decision_mark_public(decision=existing, made_public_on=plan.made_public_on, actor=self.actor)
            self.counts["decisions"] += 1

    def _find_decision(self, number: str, column: str) -> Decision:
        decision = Decision.objects.filter(number=number).first()
        if decision is None:
            self._fail("unknown_decision", (column,), value=number)
        return decision

    # --- versions -----------------------------------------------------------------------------------

    def _version(self, plan: VersionPlan) -> ProcedureVersion:
        existing = (
            ProcedureVersion.objects.filter(procedure__code=plan.code, number=plan.number)
            .select_related("field", "procedure")
            .prefetch_related("legal_bases", "components", "fees", "agencies")
            .first()
        )
        if existing is None:
            last = ProcedureVersion.objects.filter(procedure__code=plan.code).order_by("-number").first()
            if (last.number if last else 0) + 1 != plan.number:
                self._fail("version_number_gap", ("version",), number=plan.number, last=last.number if last else 0)
            version = services.version_create_draft(code=plan.code, content=plan.content, actor=self.actor)
            self.counts["versions"] += 1
        elif version_content_of(existing) != plan.content:
            if existing.is_published:
                self._fail("version_published", ("version",), number=plan.number)
            version = services.version_update_draft(version=existing, content=plan.content, actor=self.actor)
            self.counts["versions"] += 1
        else:
            version = existing
        self._publish(version, plan)
        return version

    def _publish(self, version: ProcedureVersion, plan: VersionPlan) -> None:
        if not plan.decision:
            if version.is_published:
                item = DecisionItem.objects.filter(version=version).select_related("decision").first()
                self._fail(
                    "publication_differs",
                    ("decision",),
                    number=plan.number,
                    decision=item.decision.number if item else "",
                    start=version.valid_from,
                )
            return
        decision = self._find_decision(plan.decision, "decision")
        if version.is_published:
            item = DecisionItem.objects.filter(version=version).select_related("decision").first()
            start = plan.valid_from or decision.effective_on
            if item is None or item.decision_id != decision.pk or version.valid_from != start:
                self._fail(
                    "publication_differs",
                    ("decision",),
                    number=plan.number,
                    decision=item.decision.number if item else "",
                    start=version.valid_from,
                )
            return
        services.version_publish(
            version=version,
            decision=decision,
            valid_from=plan.valid_from,
            basis_effective_on=plan.basis_effective_on,
            actor=self.actor,
        )
        self.counts["publications"] += 1

    # --- processes ----------------------------------------------------------------------------------

    def _process(self, version: ProcedureVersion, plan: ProcessPlan) -> None:
        agency = None
        if plan.agency:
            agency = Agency.objects.filter(code=plan.agency).first()
            if agency is None:
                self._fail("unknown_agency", ("agency",), value=plan.agency)
        status = ProcessStatus.APPROVED if plan.approved else ProcessStatus.DRAFT
        current = (
            InternalProcess.objects.filter(version=version, agency=agency, status=status)
            .prefetch_related("steps__agency")
            .first()
        )
        if current is not None and process_content_of(current) == plan.content:
            return
        draft = services.process_save_draft(version=version, agency=agency, content=plan.content, actor=self.actor)
        if plan.approved:
            services.process_approve(process=draft, actor=self.actor)
        self.counts["processes"] += 1

    # --- abolitions ---------------------------------------------------------------------------------

    def _abolish(self, plan: AbolitionPlan) -> None:
        procedure = Procedure.objects.filter(code=plan.code).first()
        if procedure is None:
            self._fail("nothing_to_abolish", ("procedure",), code=plan.code)
        decision = self._find_decision(plan.decision, "decision")
        if procedure.status == ProcedureStatus.ABOLISHED:
            if not DecisionItem.objects.filter(procedure=procedure, decision=decision, action="abolish").exists():
                self._fail("abolition_differs", ("decision",), code=plan.code)
            return
        services.procedure_abolish(
            procedure=procedure,
            decision=decision,
            on=plan.on,
            basis_effective_on=plan.basis_effective_on,
            actor=self.actor,
        )
        self.counts["abolitions"] += 1


#: Problem paths of the services that are named differently in the file.
COLUMN_ALIASES = {"abolitions": {"code": "procedure"}, "processes": {"version": "procedure"}}


def _column(loc: Loc, column: str | None) -> str | None:
    if column is None:
        return None
    return COLUMN_ALIASES.get(loc.sheet, {}).get(column, column)
