"""Writes to the catalogue: fields, decisions, procedures and their versions.

A procedure changes only through a new version. Drafts are edited freely; a version is published under a
decision (recorded as a decision item) and is frozen from then on. Publishing closes the validity window of the
version in force (the day before the new one starts); windows never overlap. Abolishing closes the last window.
Every function validates fully and changes nothing when it refuses.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.accounts.models import User
from motcua.catalog import rules
from motcua.catalog.content import SCALAR_FIELDS, VersionContent, version_content_of
from motcua.catalog.models import (
    Component,
    Decision,
    DecisionAction,
    DecisionItem,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureStatus,
    ProcedureVersion,
    VersionStatus,
)
from motcua.catalog.models.catalogue import validate_procedure_code
from motcua.catalog.permissions import require_catalog_manager
from motcua.catalog.problems import Problem, raise_problems
from motcua.catalog.services.indexing import index_versions
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.orgs.models import Agency

ONE_DAY = dt.timedelta(days=1)


def _user(actor: Actor | None) -> User | None:
    return user_of(actor)


@transaction.atomic
def field_save(*, code: str, name: str, sector: str = "", actor: Actor | None = None) -> Field:
    """Create the field ``code`` or rename it (the search index of its versions follows)."""
    require_catalog_manager(actor)
    problems = [Problem("required", (key,)) for key, value in (("code", code), ("name", name)) if not value.strip()]
    raise_problems(problems)
    field, created = Field.objects.get_or_create(code=code, defaults={"name": name, "sector": sector})
    if not created and (field.name, field.sector) != (name, sector):
        field.name, field.sector = name, sector
        field.save(update_fields=["name", "sector", "updated_at"])
        index_versions(
            ProcedureVersion.objects.filter(field=field, status=VersionStatus.PUBLISHED).values_list("pk", flat=True)
        )
    return field


@transaction.atomic
def decision_create(
    *,
    number: str,
    signed_on: dt.date,
    signer: str,
    effective_on: dt.date,
    issuer: Agency | None = None,
    made_public_on: dt.date | None = None,
    note: str = "",
    actor: Actor | None = None,
) -> Decision:
    require_catalog_manager(actor)
    problems = [Problem("required", (k,)) for k, v in (("number", number), ("signer", signer)) if not v.strip()]
    if effective_on < signed_on:
        problems.append(
            Problem("valid_before_decision", ("effective_on",), {"start": effective_on, "signed": signed_on})
        )
    if made_public_on and made_public_on < signed_on:
        problems.append(
            Problem("valid_before_decision", ("made_public_on",), {"start": made_public_on, "signed": signed_on})
        )
    raise_problems(problems)
    if Decision.objects.filter(number=number).exists():
        raise Conflict(str(Problem("decision_differs", ("number",), {"value": number}).message()), code="duplicate")
    return Decision.objects.create(
        number=number,
        signed_on=signed_on,
        signer=signer,
        effective_on=effective_on,
        issuer=issuer,
        made_public_on=made_public_on,
        note=note,
    )


@transaction.atomic
def decision_mark_public(*, decision: Decision, made_public_on: dt.date, actor: Actor | None = None) -> Decision:
    """Record when the decision's procedures were made public in the national database (once)."""
    require_catalog_manager(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.made_public_on not in (None, made_public_on):
        raise Conflict(_("The publication date is already recorded."), code="already_public")
    if made_public_on < decision.signed_on:
        raise_problems(
            [
                Problem(
                    "valid_before_decision",
                    ("made_public_on",),
                    {"start": made_public_on, "signed": decision.signed_on},
                )
            ]
        )
    decision.made_public_on = made_public_on
    decision.save(update_fields=["made_public_on", "updated_at"])
    return decision


def _write_content(version: ProcedureVersion, content: VersionContent) -> None:
    for name in SCALAR_FIELDS:
        setattr(version, name, getattr(content, name))
    version.field = Field.objects.get(code=content.field_code)
    version.results = list(content.results)
    version.agency_kinds = f",{','.join(content.agency_kinds)}," if content.agency_kinds else ""
    version.save()
    version.agencies.set(Agency.objects.filter(code__in=content.agency_codes))
    version.legal_bases.all().delete()
    version.components.all().delete()
    version.fees.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(version=version, position=i, **vars(b)) for i, b in enumerate(content.legal_bases, 1)
    )
    Component.objects.bulk_create(
        Component(version=version, position=i, **vars(c)) for i, c in enumerate(content.components, 1)
    )
    Fee.objects.bulk_create(
        Fee(
            version=version,
            position=i,
            kind=f.kind,
            name=f.name,
            amount=f.amount,
            rows=[{"label": r.label, "amount": r.amount} for r in f.rows],
            legal_basis=f.legal_basis,
            note=f.note,
        )
        for i, f in enumerate(content.fees, 1)
    )


def _check_code(code: str) -> None:
    try:
        validate_procedure_code(code)
    except ValidationError as exc:
        raise ValidationFailed(_("The procedure code is not valid."), fields={"code": exc.messages}) from exc


@transaction.atomic
def procedure_create(*, code: str, actor: Actor | None = None) -> Procedure:
    """A new procedure (no version yet: its content comes with its first draft)."""
    require_catalog_manager(actor)
    _check_code(code)
    if Procedure.objects.filter(code=code).exists():
        raise Conflict(_("Procedure %(code)s already exists.") % {"code": code}, code="duplicate")
    return Procedure.objects.create(code=code)


@transaction.atomic
def version_create_draft(*, code: str, content: VersionContent, actor: Actor | None = None) -> ProcedureVersion:
    """A new draft version of procedure ``code`` (the procedure is created with its first version)."""
    require_catalog_manager(actor)
    _check_code(code)
    raise_problems(rules.version_problems(content))
    procedure, _created = Procedure.objects.get_or_create(code=code)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.status == ProcedureStatus.ABOLISHED:
        raise_problems([Problem("procedure_abolished", ("code",), {"code": code})])
    number = (procedure.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ProcedureVersion(procedure=procedure, number=number)
    _write_content(version, content)
    return version


@transaction.atomic
def version_update_draft(
    *, version: ProcedureVersion, content: VersionContent, actor: Actor | None = None
) -> ProcedureVersion:
    require_catalog_manager(actor)
    version = ProcedureVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    if version.is_published:
        raise_problems([Problem("version_published", (), {"number": version.number})], code="version_published")
    raise_problems(rules.version_problems(content))
    _write_content(version, content)
    return version


@transaction.atomic
def version_draft_from(*, version: ProcedureVersion, actor: Actor | None = None) -> ProcedureVersion:
    """Start the next version as a draft copy of ``version``."""
    return version_create_draft(code=version.procedure.code, content=version_content_of(version), actor=actor)


def _published(procedure: Procedure) -> list[ProcedureVersion]:
    return list(procedure.versions.filter(status=VersionStatus.PUBLISHED).order_by("valid_from"))


@transaction.atomic
def version_publish(
    *,
    version: ProcedureVersion,
    decision: Decision,
    valid_from: dt.date | None = None,
    basis_effective_on: dt.date | None = None,
    actor: Actor | None = None,
) -> ProcedureVersion:
    """Publish a draft under ``decision`` from ``valid_from`` (default: the decision's effective date)."""
    require_catalog_manager(actor)
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = ProcedureVersion.objects.get(pk=version.pk)
    if version.is_published:
        raise_problems([Problem("version_not_draft", ())], code="version_published")
    start = valid_from or decision.effective_on
    problems = publish_problems(procedure=procedure, number=version.number, start=start, decision=decision)
    problems += rules.version_problems(version_content_of(version))
    raise_problems(problems)
    earlier = _published(procedure)
    for other in earlier:
        if other.valid_to is None or other.valid_to >= start:
            other.valid_to = start - ONE_DAY
            other.save(update_fields=["valid_to", "updated_at"])
    version.status = VersionStatus.PUBLISHED
    version.valid_from = start
    version.published_at = clock.now()
    version.save(update_fields=["status", "valid_from", "published_at", "updated_at"])
    DecisionItem.objects.create(
        decision=decision,
        procedure=procedure,
        action=DecisionAction.AMEND if earlier else DecisionAction.ADD,
        version=version,
        basis_effective_on=basis_effective_on,
        created_by=_user(actor),
    )
    procedure.status = ProcedureStatus.AMENDED if earlier else ProcedureStatus.PUBLISHED
    procedure.save(update_fields=["status", "updated_at"])
    index_versions([version.pk])
    return version


def publish_problems(*, procedure: Procedure, number: int, start: dt.date, decision: Decision) -> list[Problem]:
    """Why version ``number`` of ``procedure`` cannot start on ``start`` under ``decision``."""
    problems: list[Problem] = []
    if procedure.status == ProcedureStatus.ABOLISHED:
        problems.append(Problem("procedure_abolished", ("code",), {"code": procedure.code}))
    if start < decision.signed_on:
        problems.append(
            Problem("valid_before_decision", ("valid_from",), {"start": start, "signed": decision.signed_on})
        )
    problems += [
        Problem(
            "window_overlap",
            ("valid_from",),
            {"number": number, "start": start, "other": other.number, "other_start": other.valid_from},
        )
        for other in _published(procedure)
        if other.valid_from is not None and other.valid_from >= start
    ]
    return problems


@transaction.atomic
def procedure_abolish(
    *,
    procedure: Procedure,
    decision: Decision,
    on: dt.date | None = None,
    basis_effective_on: dt.date | None = None,
    actor: Actor | None = None,
) -> Procedure:
    """Abolish ``procedure`` from ``on`` (default: the decision's effective date): its last window closes."""
    require_catalog_manager(actor)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    day = on or decision.effective_on
    raise_problems(abolish_problems(procedure=procedure, on=day, decision=decision))
    for version in _published(procedure):
        if version.valid_to is None or version.valid_to >= day:
            version.valid_to = day - ONE_DAY
            version.save(update_fields=["valid_to", "updated_at"])
    DecisionItem.objects.create(
        decision=decision,
        procedure=procedure,
        action=DecisionAction.ABOLISH,
        basis_effective_on=basis_effective_on,
        created_by=_user(actor),
    )
    procedure.status = ProcedureStatus.ABOLISHED
    procedure.save(update_fields=["status", "updated_at"])
    return procedure


def abolish_problems(*, procedure: Procedure, on: dt.date, decision: Decision) -> list[Problem]:
    published = _published(procedure)
    if procedure.status == ProcedureStatus.ABOLISHED:
        return [Problem("procedure_abolished", ("code",), {"code": procedure.code})]
    if not published:
        return [Problem("nothing_to_abolish", ("code",), {"code": procedure.code})]
    problems = [
        Problem("abolish_before_start", ("on",), {"code": procedure.code, "on": on, "start": v.valid_from})
        for v in published
        if v.valid_from is not None and v.valid_from >= on
    ]
    if on < decision.signed_on:
        problems.append(Problem("valid_before_decision", ("on",), {"start": on, "signed": decision.signed_on}))
    return problems
