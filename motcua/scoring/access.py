"""Who may read the officials' evaluation and the staff page: a system administrator everywhere; a leader, an
inspector or an agency administrator for their agency's subtree (an evaluation reads down the tree, as an
inspector does). The units' scores are public through the API: TT 01/2018 has them published."""

from __future__ import annotations

from typing import Any

from motcua.orgs.models import Agency, Role, StaffRole
from motcua.orgs.policy import principal_for

READER_ROLES = (Role.LEADER, Role.INSPECTOR, Role.AGENCY_ADMIN)


def reader_roots(user: Any) -> list[Agency] | None:
    """The agencies whose subtree ``user`` may read scores of; ``None``: everywhere (system administrator)."""
    principal = principal_for(user)
    if principal.user_id is None:
        return []
    if principal.is_system_admin:
        return None
    roles = StaffRole.objects.filter(user=user, is_active=True, agency__is_active=True, role__in=READER_ROLES)
    return [role.agency for role in roles.select_related("agency").order_by("agency__path")]


def may_read(user: Any, agency: Agency) -> bool:
    roots = reader_roots(user)
    return roots is None or any(agency.path.startswith(root.path) for root in roots)
