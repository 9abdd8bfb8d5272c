"""Who may manage the catalogue (on top of ``orgs.policy``).

- The catalogue (fields, decisions, procedures, versions, templates) is the province's or the ministry's:
  system administrators and agency administrators of a province or ministry manage it.
- An agency's internal process is also managed by the administrators of that agency (and of its ancestors),
  and approved by its leaders (``Action.ASSIGN``: "approve processes").
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor
from motcua.catalog.models import InternalProcess
from motcua.core.errors import PermissionDenied
from motcua.orgs.models import AgencyKind, Role, StaffRole
from motcua.orgs.policy import Action, can, principal_for

CATALOGUE_OWNER_KINDS = (AgencyKind.PROVINCE, AgencyKind.MINISTRY)


def can_manage_catalog(user: Actor) -> bool:
    principal = principal_for(user)
    if principal.user_id is None:
        return False
    if principal.is_system_admin:
        return True
    return StaffRole.objects.filter(
        user_id=principal.user_id,
        role=Role.AGENCY_ADMIN,
        is_active=True,
        agency__is_active=True,
        agency__kind__in=CATALOGUE_OWNER_KINDS,
    ).exists()


def can_edit_process(user: Actor, process: InternalProcess) -> bool:
    if can_manage_catalog(user):
        return True
    return process.agency_id is not None and can(user, Action.ADMINISTER, process)


def can_approve_process(user: Actor, process: InternalProcess) -> bool:
    return can_edit_process(user, process) or (process.agency_id is not None and can(user, Action.ASSIGN, process))


def require_catalog_manager(user: Actor | None) -> None:
    """``None`` is the system itself (imports, the demo): always allowed."""
    if user is not None and not can_manage_catalog(user):
        raise PermissionDenied(_("Only the catalogue's administrators may change it."), code="forbidden")


def require_process_editor(user: Actor | None, process: InternalProcess) -> None:
    if user is not None and not can_edit_process(user, process):
        raise PermissionDenied(_("You may not edit this internal process."), code="forbidden")


def require_process_approver(user: Actor | None, process: InternalProcess) -> None:
    if user is not None and not can_approve_process(user, process):
        raise PermissionDenied(_("You may not approve this internal process."), code="forbidden")
