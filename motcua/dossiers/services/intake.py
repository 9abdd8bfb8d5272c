"""Intake: a dossier is created (online draft, or at the desk / by post) and submitted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Applicant, ApplicantKind
from motcua.accounts.services import may_represent
from motcua.catalog.models import Component, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers import codes
from motcua.dossiers.files import store_upload
from motcua.dossiers.models import Channel, Dossier, DossierComponent, FeeLine, StoredFile
from motcua.dossiers.services.common import apply, lock
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, require


@dataclass
class ComponentInput:
    """One component handed in: an upload (name + bytes), a reused stored file, or paper to be scanned."""

    component_id: int
    file_name: str = ""
    content: bytes | None = None
    reuse_file_id: int | None = None
    paper: bool = False
    originals: int | None = None
    certified_copies: int | None = None
    copies: int | None = None


def _same_province(a: Agency, b: Agency) -> bool:
    return a.path.split("/")[1:2] == b.path.split("/")[1:2]


def check_version(version: ProcedureVersion, channel: int, applicant: Applicant) -> None:
    today = clock.today()
    if not version.is_valid_on(today):
        raise ValidationFailed(
            _("Procedure %(code)s version %(number)d is not published and in force today.")
            % {"code": version.procedure.code, "number": version.number},
            code="version_not_in_force",
            fields={"procedure": _("Not in force.")},
        )
    allowed = {
        Channel.COUNTER: version.channel_counter,
        Channel.ONLINE: version.channel_online,
        Channel.POSTAL: version.channel_postal,
    }
    if not allowed.get(Channel(channel), False):
        raise ValidationFailed(
            _("This procedure cannot be filed through the channel “%(channel)s”.")
            % {"channel": Channel(channel).label},
            code="channel_not_allowed",
            fields={"channel": _("Not offered for this procedure.")},
        )
    kind_ok = version.for_citizens if applicant.kind == ApplicantKind.CITIZEN else version.for_organisations
    if not kind_ok:
        raise ValidationFailed(
            _("This procedure is not open to applicants of the kind “%(kind)s”.")
            % {"kind": ApplicantKind(applicant.kind).label},
            code="applicant_kind",
            fields={"applicant": _("Not allowed for this procedure.")},
        )


def check_agencies(version: ProcedureVersion, handling: Agency, receiving: Agency) -> None:
    implements = version.agencies.filter(pk=handling.pk).exists() or handling.kind in version.agency_kind_list
    if not implements:
        raise ValidationFailed(
            _("%(agency)s does not handle procedure %(code)s.")
            % {"agency": handling.name, "code": version.procedure.code},
            code="agency_not_competent",
            fields={"handling_agency": _("Not competent for this procedure.")},
        )
    if receiving.pk == handling.pk or receiving.served_agencies.filter(pk=handling.pk).exists():
        return
    if version.province_wide and _same_province(receiving, handling):
        return
    raise ValidationFailed(
        _("The desk of %(desk)s does not receive dossiers for %(agency)s.")
        % {"desk": receiving.name, "agency": handling.name},
        code="desk_not_serving",
        fields={"receiving_agency": _("This desk does not receive for the handling agency.")},
    )


def _fee_lines(dossier: Dossier, version: ProcedureVersion, fee_rows: dict[int, str]) -> int:
    total = 0
    for fee in version.fees.all():
        amount = fee.amount
        name = fee.name
        if amount is None and fee.rows:
            label = fee_rows.get(fee.pk)
            row = next((r for r in fee.rows if r.get("label") == label), None)
            if row is None:
                raise ValidationFailed(
                    _("Choose which amount of “%(fee)s” applies.") % {"fee": fee.name},
                    code="fee_row_required",
                    fields={f"fee_rows.{fee.pk}": [r.get("label", "") for r in fee.rows]},
                )
            amount, name = int(row["amount"]), f"{fee.name}: {label}"
        if amount:
            FeeLine.objects.create(dossier=dossier, fee=fee, name=name[:500], amount=amount)
            total += amount
    return total


@transaction.atomic
def dossier_create(
    *,
    actor: Any,
    version: ProcedureVersion,
    applicant: Applicant,
    handling_agency: Agency,
    receiving_agency: Agency | None = None,
    channel: int = Channel.ONLINE,
    representative: Applicant | None = None,
    postal_tracking_no: str = "",
    sets: int = 1,
    note: str = "",
    fee_rows: dict[int, str] | None = None,
) -> Dossier:
    """A new dossier in ``draft``: online by the applicant's account, or at the desk by an officer."""
    receiving = receiving_agency or handling_agency
    if channel not in Channel.values:
        raise ValidationFailed(_("Unknown channel."), code="channel", fields={"channel": _("Use 1, 2 or 3.")})
    check_version(version, channel, applicant)
    check_agencies(version, handling_agency, receiving)
    if channel == Channel.ONLINE:
        owner_ok = applicant.user_id == getattr(actor, "pk", None) or (
            representative is not None and representative.user_id == getattr(actor, "pk", None)
        )
        if not owner_ok:
            require(actor, Action.RECEIVE, receiving)  # a desk officer may key in an online dossier for someone
    else:
        require(actor, Action.RECEIVE, receiving)
        if channel == Channel.POSTAL and not postal_tracking_no.strip():
            raise ValidationFailed(
                _("A postal dossier needs the postal tracking number."),
                code="postal_tracking_required",
                fields={"postal_tracking_no": _("Required for postal dossiers.")},
            )
    if representative is not None and not may_represent(
        representative=representative, principal=applicant, on=clock.today()
    ):
        raise ValidationFailed(
            _("%(rep)s holds no valid authorisation from %(principal)s.")
            % {"rep": representative.name, "principal": applicant.name},
            code="no_authorisation",
            fields={"representative": _("No valid authorisation.")},
        )
    if not 1 <= sets <= 99:
        raise ValidationFailed(_("The number of sets must be between 1 and 99."), fields={"sets": _("1–99.")})
    dossier = Dossier.objects.create(
        reference=codes.new_reference(),
        procedure_version=version,
        receiving_agency=receiving,
        handling_agency=handling_agency,
        applicant=applicant,
        representative=representative,
        owner=actor
        if channel == Channel.ONLINE and getattr(actor, "pk", None) and not _is_staff(actor, receiving)
        else None,
        channel=channel,
        postal_tracking_no=postal_tracking_no.strip(),
        sets=sets,
        note=note,
        limit_amount=version.committed_amount,
        limit_unit=version.committed_unit,
    )
    dossier.fee_total = _fee_lines(dossier, version, fee_rows or {})
    dossier.save(update_fields=["fee_total"])
    from motcua.dossiers.models import DossierEvent

    DossierEvent.objects.create(
        dossier=dossier, actor=actor if getattr(actor, "pk", None) else None, action="create", to_state=dossier.state,
        payload={"channel": channel, "procedure": version.procedure.code, "version": version.number},
    )  # fmt: skip
    return dossier


def _is_staff(actor: Any, agency: Agency) -> bool:
    from motcua.orgs.policy import can

    return can(actor, Action.RECEIVE, agency)


def _component_row(dossier: Dossier, component: Component, item: ComponentInput, actor: Any) -> DossierComponent:
    stored: StoredFile | None = None
    reused = False
    if item.content is not None:
        stored = store_upload(
            name=item.file_name or "tai-lieu", data=item.content, field=f"components.{component.pk}",
            uploaded_by=actor, owner_applicant=dossier.applicant,
        )  # fmt: skip
    elif item.reuse_file_id is not None:
        stored = StoredFile.objects.filter(pk=item.reuse_file_id, owner_applicant=dossier.applicant).first()
        if stored is None:
            raise ValidationFailed(
                _("The document to reuse is not in this applicant's e-data store."),
                code="reuse_not_found",
                fields={f"components.{component.pk}": _("Unknown document.")},
            )
        reused = True
    elif not item.paper:
        raise ValidationFailed(
            _("Component “%(name)s”: attach a file, reuse a stored document or mark it as handed in on paper.")
            % {"name": component.name[:80]},
            code="component_empty",
            fields={f"components.{component.pk}": _("Nothing provided.")},
        )
    return DossierComponent(
        dossier=dossier,
        component=component,
        name=component.name,
        originals=component.originals if item.originals is None else item.originals,
        certified_copies=component.certified_copies if item.certified_copies is None else item.certified_copies,
        copies=component.copies if item.copies is None else item.copies,
        file=stored,
        reused=reused,
        paper=item.paper,
    )


def put_components(dossier: Dossier, items: list[ComponentInput], actor: Any) -> list[DossierComponent]:
    """Add or replace the given components of ``dossier`` (caller holds the lock)."""
    by_id = {c.pk: c for c in dossier.procedure_version.components.all()}
    rows = []
    for item in items:
        component = by_id.get(item.component_id)
        if component is None:
            raise ValidationFailed(
                _("Component %(id)s is not part of this procedure.") % {"id": item.component_id},
                code="unknown_component",
                fields={f"components.{item.component_id}": _("Unknown component.")},
            )
        rows.append(_component_row(dossier, component, item, actor))
    DossierComponent.objects.filter(dossier=dossier, component_id__in=[r.component_id for r in rows]).delete()
    DossierComponent.objects.bulk_create(rows)
    return rows


def missing_components(dossier: Dossier) -> list[Component]:
    """Mandatory components not yet provided (all of them, so the applicant is told at once)."""
    provided = set(dossier.components.values_list("component_id", flat=True))
    return [
        c for c in dossier.procedure_version.components.all() if c.requirement == "mandatory" and c.pk not in provided
    ]


def check_complete(dossier: Dossier) -> None:
    missing = missing_components(dossier)
    if missing:
        raise ValidationFailed(
            _("Mandatory components are missing: %(names)s.") % {"names": "; ".join(c.name[:80] for c in missing)},
            code="components_missing",
            fields={f"components.{c.pk}": _("Missing.") for c in missing},
        )


@transaction.atomic
def dossier_put_components(
    *, actor: Any, dossier_id: int, items: list[ComponentInput], expected_version: int | None = None
) -> Dossier:
    dossier = lock(dossier_id, expected_version)
    if dossier.state not in ("draft", "needs_supplement", "submitted"):
        from motcua.core.errors import Conflict

        raise Conflict(_("Components can no longer be changed in this state."), code="components_locked")
    from motcua.orgs.policy import can

    if not (can(actor, Action.APPLY, dossier) or can(actor, Action.RECEIVE, dossier)):
        require(actor, Action.APPLY, dossier)
    put_components(dossier, items, actor)
    dossier.version += 1
    dossier.save(update_fields=["version"])
    return dossier


@transaction.atomic
def dossier_submit(*, actor: Any, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The applicant hands in an online dossier: every mandatory component must be there."""
    dossier = lock(dossier_id, expected_version)
    check_complete(dossier)
    dossier.submitted_at = clock.now()
    from motcua.orgs.policy import can

    staff = can(actor, Action.RECEIVE, dossier)
    apply(dossier, "submit", actor, skip_auth=staff)
    return dossier
