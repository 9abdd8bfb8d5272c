"""Intake: a dossier is created (online draft, or at the desk / by post), completed and submitted."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.accounts.models import Applicant, ApplicantKind
from motcua.accounts.services import may_represent
from motcua.catalog.models import ProcedureVersion
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers import codes
from motcua.dossiers import events as dossier_events
from motcua.dossiers.audit import chain as audit
from motcua.dossiers.files import release_files
from motcua.dossiers.locks import check_seen_version, lock
from motcua.dossiers.models import Channel, Dossier, DossierComponent, DossierEvent, FeeLine
from motcua.dossiers.services.building import ComponentInput, check_complete, component_rows, fee_lines, version_parts
from motcua.dossiers.services.transitions import admit, apply
from motcua.orgs.models import Agency
from motcua.orgs.policy import Action, can, require

__all__ = ["ComponentInput", "dossier_create", "dossier_put_components", "dossier_submit", "new_dossier"]


def _same_province(a: Agency, b: Agency) -> bool:
    return a.path.split("/")[1:2] == b.path.split("/")[1:2]


def check_version(version: ProcedureVersion, channel: int, applicant: Applicant) -> None:
    if not version.is_valid_on(clock.today()):
        raise ValidationFailed(
            _("Procedure %(code)s version %(number)d is not published and in force today.")
            % {"code": version.procedure.code, "number": version.number},
            code="version_not_in_force",
            fields={"procedure": _("Not in force.")},
        )
    offered = {
        Channel.COUNTER: version.channel_counter,
        Channel.ONLINE: version.channel_online,
        Channel.POSTAL: version.channel_postal,
    }
    if not offered.get(Channel(channel), False):
        raise ValidationFailed(
            _("This procedure cannot be filed through the channel “%(channel)s”.")
            % {"channel": Channel(channel).label},
            code="channel_not_allowed",
            fields={"channel": _("Not offered for this procedure.")},
        )
    if not (version.for_citizens if applicant.kind == ApplicantKind.CITIZEN else version.for_organisations):
        raise ValidationFailed(
            _("This procedure is not open to applicants of the kind “%(kind)s”.")
            % {"kind": ApplicantKind(applicant.kind).label},
            code="applicant_kind",
            fields={"applicant": _("Not allowed for this procedure.")},
        )


def check_agencies(version: ProcedureVersion, handling: Agency, receiving: Agency) -> None:
    """The lead agency implements the version; the desk receives for it (or the procedure is province-wide)."""
    if handling.kind not in version.agency_kind_list and handling.pk not in version_parts(version).agency_ids:
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


#: The longest request (``Dossier.note``) a dossier may carry, whichever way it is filed.
NOTE_MAX_LENGTH = 2000


def new_dossier(
    *,
    actor: Actor,
    version: ProcedureVersion,
    applicant: Applicant,
    handling_agency: Agency,
    receiving_agency: Agency,
    channel: int,
    representative: Applicant | None,
    postal_tracking_no: str,
    sets: int,
    note: str,
    fee_rows: dict[int, str],
) -> tuple[Dossier, list[FeeLine]]:
    """Validate everything about a new dossier and build it (unsaved) with its fee lines."""
    if channel not in Channel.values:
        raise ValidationFailed(_("Unknown channel."), code="channel", fields={"channel": _("Use 1, 2 or 3.")})
    check_version(version, channel, applicant)
    check_agencies(version, handling_agency, receiving_agency)
    is_desk = can(actor, Action.RECEIVE, receiving_agency)
    if channel == Channel.ONLINE:
        acting_for_self = actor.pk in {
            applicant.user_id,
            representative.user_id if representative else None,
        }
        if not acting_for_self and not is_desk:
            require(actor, Action.RECEIVE, receiving_agency)
    else:
        require(actor, Action.RECEIVE, receiving_agency)
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
    if len(note) > NOTE_MAX_LENGTH:
        message = _("The request is at most %(n)d characters.") % {"n": NOTE_MAX_LENGTH}
        raise ValidationFailed(message, code="note_too_long", fields={"note": message})
    if len(postal_tracking_no) > 40:
        message = _("The postal tracking number is at most 40 characters.")
        raise ValidationFailed(message, code="postal_tracking_no_too_long", fields={"postal_tracking_no": message})
    dossier = Dossier(
        reference=codes.new_reference(), procedure_version=version, receiving_agency=receiving_agency,
        handling_agency=handling_agency, applicant=applicant, representative=representative,
        owner=user_of(actor) if channel == Channel.ONLINE and not is_desk else None, channel=channel,
        postal_tracking_no=postal_tracking_no.strip(), sets=sets, note=note, limit_amount=version.committed_amount,
        limit_unit=version.committed_unit, created_at=clock.now(),
    )  # fmt: skip
    lines, dossier.fee_total = fee_lines(dossier, version_parts(version), fee_rows)
    return dossier, lines


def creation_event(dossier: Dossier, actor: Actor) -> DossierEvent:
    version = dossier.procedure_version
    return DossierEvent(
        dossier=dossier, at=dossier.created_at, actor=user_of(actor), action="create",
        to_state="draft",
        payload={"channel": dossier.channel, "procedure": version.procedure.code, "version": version.number},
    )  # fmt: skip


@transaction.atomic
def dossier_create(
    *,
    actor: Actor,
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
    dossier, lines = new_dossier(
        actor=actor, version=version, applicant=applicant, handling_agency=handling_agency,
        receiving_agency=receiving_agency or handling_agency, channel=channel, representative=representative,
        postal_tracking_no=postal_tracking_no, sets=sets, note=note, fee_rows=fee_rows or {},
    )  # fmt: skip
    dossier.save()
    FeeLine.objects.bulk_create(lines)
    event = creation_event(dossier, actor)
    audit.chain([event], head=None)  # a new dossier: its chain starts here
    event.save()
    dossier_events.publish(dossier, [event])
    return dossier


def _may_edit(actor: Actor, dossier: Dossier) -> None:
    if not (can(actor, Action.APPLY, dossier) or can(actor, Action.RECEIVE, dossier.receiving_agency)):
        require(actor, Action.APPLY, dossier)


def put_components(dossier: Dossier, items: list[ComponentInput], actor: Actor) -> list[DossierComponent]:
    """Add or replace the given components of ``dossier`` (the caller holds the lock)."""
    rows = component_rows(dossier, version_parts(dossier.procedure_version), items, actor)
    replaced = DossierComponent.objects.filter(dossier=dossier, component_id__in=[r.component_id for r in rows])
    replaced_files = list(replaced.values_list("file_id", flat=True))
    replaced.delete()
    DossierComponent.objects.bulk_create(rows)
    release_files(replaced_files)
    return rows


def provided_components(dossier: Dossier) -> set[int]:
    return {pk for pk in dossier.components.values_list("component_id", flat=True) if pk is not None}


@transaction.atomic
def dossier_put_components(
    *, actor: Actor, dossier_id: int, items: list[ComponentInput], expected_version: int | None = None
) -> Dossier:
    dossier = lock(dossier_id)
    _may_edit(actor, dossier)
    if dossier.state not in ("draft", "needs_supplement", "submitted"):
        raise Conflict(_("Components can no longer be changed in this state."), code="components_locked")
    check_seen_version(dossier, expected_version)
    put_components(dossier, items, actor)
    dossier.version += 1
    dossier.save(update_fields=["version"])
    return dossier


@transaction.atomic
def dossier_submit(*, actor: Actor, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The applicant hands in an online dossier: every mandatory component must be there."""
    dossier = admit(dossier_id, "submit", actor, expected_version)
    check_complete(version_parts(dossier.procedure_version), provided_components(dossier))
    dossier.submitted_at = clock.now()
    apply(dossier, "submit", actor)
    return dossier


@transaction.atomic
def dossier_delete_draft(*, actor: Actor, dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The applicant deletes an online draft they never submitted: its uploads are released (they stop counting
    against the applicant's quota) and the draft is closed as withdrawn. The dossier row and its history stay —
    the history is append-only — but a deleted draft is shown nowhere ("My dossiers" leaves it out). Only the
    applicant's own draft: anything handed in is withdrawn, not deleted."""
    dossier = admit(dossier_id, "withdraw", actor, expected_version)
    if dossier.state != "draft" or dossier.submitted_at is not None:
        raise Conflict(_("Only a draft that was never submitted can be deleted."), code="not_a_draft")
    if dossier.owner_id is None or dossier.owner_id != getattr(actor, "pk", None):
        raise Conflict(_("Only the applicant who started the draft can delete it."), code="not_draft_owner")
    components = DossierComponent.objects.filter(dossier=dossier)
    files = list(components.values_list("file_id", flat=True))
    components.delete()
    release_files(files)
    dossier.closed_at = clock.now()
    apply(dossier, "withdraw", actor, reason=_("Draft deleted by the applicant."), payload={"draft_deleted": True})
    return dossier
