"""Who sees the dashboard of which agencies, and who sets targets.

Who reads the figures of which subtree is ``orgs.policy`` (``figure_roles``, ``can_read_figures``): leaders,
inspectors and agency administrators see the dashboard of the agencies where they hold that role, and of every
agency under them (the index of an agency covers its subtree, RULES §10); a system administrator sees every
agency. Targets are set by a leader of the agency itself, an agency administrator of it or of an ancestor (they
administer their subtree, as in ``orgs.policy``), or a system administrator. Inspectors only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motcua.orgs.models import Agency, Role
from motcua.orgs.policy import figure_roles, principal_for


@dataclass(frozen=True)
class Access:
    """The agencies (roots of subtrees) a user's dashboard covers; ``everything`` for a system administrator."""

    everything: bool
    roots: tuple[Agency, ...]
    lead: frozenset[int]  # agencies where the user is a leader
    administer: tuple[Agency, ...]  # agencies the user administers (with their subtrees)

    @property
    def allowed(self) -> bool:
        return self.everything or bool(self.roots)

    def may_view(self, agency: Agency) -> bool:
        return self.everything or any(agency.path.startswith(root.path) for root in self.roots)

    def may_edit_targets(self, agency: Agency) -> bool:
        if self.everything:
            return True
        return agency.pk in self.lead or any(agency.path.startswith(a.path) for a in self.administer)

    def default_root(self) -> Agency | None:
        if self.roots:
            return self.roots[0]
        return Agency.objects.filter(parent__isnull=True, is_active=True).order_by("pk").first()


def access_for(user: Any) -> Access:
    if not getattr(user, "is_authenticated", False):
        return Access(False, (), frozenset(), ())
    principal = principal_for(user)
    rows = figure_roles(user)
    roots: list[Agency] = []
    for row in rows:
        # keep only the highest agencies: a subtree inside another adds nothing
        if not any(row.agency.path.startswith(r.path) for r in roots):
            roots = [r for r in roots if not r.path.startswith(row.agency.path)] + [row.agency]
    return Access(
        everything=principal.is_system_admin,
        roots=tuple(roots),
        lead=frozenset(r.agency_id for r in rows if r.role == Role.LEADER),
        administer=tuple(r.agency for r in rows if r.role == Role.AGENCY_ADMIN),
    )
