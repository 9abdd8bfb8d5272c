"""The access policy: may user U do action A on object O?

One module answers it from roles, the agency tree and the serves relation:
- staff roles (desk officer, specialist, leader) act on objects of their own agency and of the agencies their
  one-stop centre serves; an object that names several agencies (a dossier with a step at another agency)
  is in scope when any of them is;
- an agency administrator administers their agency and its descendants;
- an inspector reads the subtree of their agency and writes nothing;
- the figures of an agency's subtree (dashboard, scores, reports) are read by a leader, an inspector or an agency
  administrator of that agency or of an agency above it (:func:`can_read_figures`);
- a system administrator may do everything;
- an applicant sees (and acts as applicant on) only their own objects;
- a leader's signing is honoured for a deputy during an active delegation.

Objects take part by exposing ``policy_agency_ids() -> set[int]`` and/or ``policy_owner_ids() -> set[int]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.core import clock
from motcua.core.errors import PermissionDenied
from motcua.orgs.models import Agency, Delegation, Role, StaffRole


class Action(StrEnum):
    VIEW = "view"  # read the object
    RECEIVE = "receive"  # desk: receive, refuse, request supplement, return results
    PROCESS = "process"  # work on a processing step
    ASSIGN = "assign"  # assign or reassign handlers, approve processes
    SIGN = "sign"  # decide and sign (leader, or a deputy by delegation)
    ADMINISTER = "administer"  # manage agency data, staff and catalogue
    APPLY = "apply"  # act as the applicant (submit, supplement, withdraw, rate)
    READ_FIGURES = "read_figures"  # read an agency subtree's figures: index, scores, reports (see can_read_figures)


#: What each staff role may do (within its scope).
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.DESK_OFFICER: frozenset({Action.VIEW, Action.RECEIVE}),
    Role.SPECIALIST: frozenset({Action.VIEW, Action.PROCESS}),
    Role.LEADER: frozenset({Action.VIEW, Action.PROCESS, Action.ASSIGN, Action.SIGN}),
    Role.AGENCY_ADMIN: frozenset({Action.VIEW, Action.ADMINISTER}),
    Role.INSPECTOR: frozenset({Action.VIEW}),
}

#: Roles whose scope is the agency's subtree rather than the agency and the agencies it serves.
SUBTREE_ROLES = frozenset({Role.AGENCY_ADMIN, Role.INSPECTOR})


#: Roles that read the figures (index, scores, reports) of their agency's subtree: a leader answers for it, an
#: inspector inspects it, an administrator administers it.
FIGURE_READER_ROLES = frozenset({Role.LEADER, Role.INSPECTOR, Role.AGENCY_ADMIN})


class PolicyObject(Protocol):
    def policy_agency_ids(self) -> set[int]: ...


@dataclass
class Principal:
    """What one user may do where, computed once per request."""

    user_id: int | None
    is_system_admin: bool = False
    # action -> agency ids where it is allowed
    scopes: dict[Action, set[int]] = field(default_factory=dict)

    def agency_ids(self, action: Action) -> set[int]:
        return self.scopes.get(action, set())


def _subtree_ids(agency_ids: set[int]) -> set[int]:
    if not agency_ids:
        return set()
    paths = Agency.objects.filter(pk__in=agency_ids).values_list("path", flat=True)
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return set(Agency.objects.filter(condition).values_list("pk", flat=True))


def _served_ids(agency_ids: set[int]) -> set[int]:
    through = Agency.served_agencies.through
    return set(through.objects.filter(from_agency_id__in=agency_ids).values_list("to_agency_id", flat=True))


def principal_for(user: Any) -> Principal:
    """Build (and cache on the user object) the principal of ``user``."""
    cached = getattr(user, "_motcua_principal", None)
    if cached is not None:
        return cached
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Principal(user_id=None)
    principal = Principal(user_id=user.pk, is_system_admin=bool(user.is_superuser))
    roles = list(
        StaffRole.objects.filter(user=user, is_active=True, agency__is_active=True).values_list("role", "agency_id")
    )
    if any(role == Role.SYSTEM_ADMIN for role, _agency in roles):
        principal.is_system_admin = True
    by_role: dict[str, set[int]] = {}
    for role, agency_id in roles:
        by_role.setdefault(role, set()).add(agency_id)
    for role, agency_ids in by_role.items():
        if role == Role.SYSTEM_ADMIN:
            continue
        scope = _subtree_ids(agency_ids) if role in SUBTREE_ROLES else agency_ids | _served_ids(agency_ids)
        for action in ROLE_ACTIONS[role]:
            principal.scopes.setdefault(action, set()).update(scope)
    delegated = _delegated_agency_ids(user.pk)
    if delegated:
        principal.scopes.setdefault(Action.SIGN, set()).update(delegated | _served_ids(delegated))
        principal.scopes.setdefault(Action.VIEW, set()).update(delegated)
    user._motcua_principal = principal
    return principal


def _delegated_agency_ids(user_id: int) -> set[int]:
    now = clock.now()
    rows = Delegation.objects.filter(
        delegate_id=user_id, revoked_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    ).values_list("agency_id", "delegator_id")
    agency_ids: set[int] = set()
    for agency_id, delegator_id in rows:
        # A delegation counts only while the delegator is still an active leader of that agency.
        if StaffRole.objects.filter(
            user_id=delegator_id, agency_id=agency_id, role=Role.LEADER, is_active=True
        ).exists():
            agency_ids.add(agency_id)
    return agency_ids


def can(user: Any, action: Action, obj: Any) -> bool:
    if action == Action.READ_FIGURES:  # on an agency, for its whole subtree: not the staff roles' scope
        return isinstance(obj, Agency) and can_read_figures(user, obj)
    principal = principal_for(user)
    if principal.user_id is None:
        return False
    if principal.is_system_admin:
        return True
    owners = obj.policy_owner_ids() if hasattr(obj, "policy_owner_ids") else set()
    if principal.user_id in owners and action in (Action.VIEW, Action.APPLY):
        return True
    if action == Action.APPLY:
        return False
    agency_ids = obj.policy_agency_ids() if hasattr(obj, "policy_agency_ids") else set()
    return bool(agency_ids & principal.agency_ids(action))


def require(user: Any, action: Action, obj: Any) -> None:
    """Raise :class:`PermissionDenied` unless ``can(user, action, obj)``."""
    if not can(user, action, obj):
        raise PermissionDenied(
            _("You may not %(action)s this object.") % {"action": _(ACTION_LABELS[action])},
            code="forbidden",
        )


def scope_agency_ids(user: Any, action: Action) -> set[int] | None:
    """Agency ids where ``user`` may do ``action``; ``None`` means everywhere (system administrator)."""
    principal = principal_for(user)
    if principal.is_system_admin:
        return None
    return principal.agency_ids(action)


def figure_roles(user: Any) -> list[StaffRole]:
    """The roles through which ``user`` reads figures (active roles at active agencies), by agency path then role,
    with their agencies loaded; the user's own roles, a system administrator's included."""
    principal = principal_for(user)
    if principal.user_id is None:
        return []
    roles = StaffRole.objects.filter(
        user_id=principal.user_id, is_active=True, agency__is_active=True, role__in=FIGURE_READER_ROLES
    )
    return list(roles.select_related("agency").order_by("agency__path", "role"))


def figure_roots(user: Any) -> list[Agency] | None:
    """The agencies whose subtrees ``user`` may read the figures of, by path; ``None``: everywhere (a system
    administrator)."""
    principal = principal_for(user)
    if principal.user_id is None:
        return []
    if principal.is_system_admin:
        return None
    return [role.agency for role in figure_roles(user)]


def can_read_figures(user: Any, agency: Agency) -> bool:
    """``user`` may read the figures of ``agency`` (and so of its subtree): see :func:`figure_roots`."""
    roots = figure_roots(user)
    return roots is None or any(agency.path.startswith(root.path) for root in roots)


ACTION_LABELS: dict[Action, str] = {
    Action.VIEW: gettext_noop("view"),
    Action.RECEIVE: gettext_noop("receive or return"),
    Action.PROCESS: gettext_noop("process"),
    Action.ASSIGN: gettext_noop("assign"),
    Action.SIGN: gettext_noop("sign"),
    Action.ADMINISTER: gettext_noop("administer"),
    Action.APPLY: gettext_noop("act as the applicant on"),
    Action.READ_FIGURES: gettext_noop("read the figures of"),
}
