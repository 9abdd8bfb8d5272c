"""Who reads the figures of an agency's subtree (dashboard, scores, reports): every role × own agency / served
agency / child / sibling / parent / other province. A leader, an inspector or an agency administrator reads their
agency and everything under it (never what it merely serves, nor above it); desk officers and specialists read
nothing; a system administrator reads everywhere."""

import pytest

from motcua.orgs import staffing
from motcua.orgs.models import Role
from motcua.orgs.policy import Action, can, can_read_figures, figure_roles, figure_roots
from motcua.orgs.tests.factories import make_staff, make_user, make_world

pytestmark = pytest.mark.django_db

TARGETS = ("own", "served", "child", "sibling", "parent", "other_province")
SUBTREE = {"own", "child"}

# The user sits at the one-stop centre ("own"), which serves the department ("served") and has a child reception
# point ("child"); "sibling" is a department it does not serve, "parent" the province above it.
EXPECTED: dict[str, set[str]] = {
    Role.DESK_OFFICER: set(),
    Role.SPECIALIST: set(),
    Role.LEADER: SUBTREE,
    Role.AGENCY_ADMIN: SUBTREE,
    Role.INSPECTOR: SUBTREE,
    Role.SYSTEM_ADMIN: set(TARGETS),
}


def _targets(world):
    return {**world.targets(), "parent": world.province}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(Role.values)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_who_reads_the_figures_of_which_subtree(role):
    world = make_world()
    user = make_staff(world.centre, role)
    readable = {name for name, agency in _targets(world).items() if can_read_figures(user, agency)}
    assert readable == EXPECTED[role]
    # The same rule is the policy's action, so ``can``/``require`` answer it like every other right.
    assert {name for name, agency in _targets(world).items() if can(user, Action.READ_FIGURES, agency)} == readable
    assert not can(user, Action.READ_FIGURES, object())  # only an agency has figures


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_roots_are_the_agencies_of_the_reading_roles(role):
    world = make_world()
    user = make_staff(world.centre, role)
    roots = figure_roots(user)
    if role == Role.SYSTEM_ADMIN:
        assert roots is None  # everywhere
    else:
        assert roots == ([world.centre] if EXPECTED[role] else [])


def test_a_system_administrator_reads_everywhere_and_keeps_their_own_reading_roles():
    """The dashboard opens on the agency of a system administrator's own reading role."""
    world = make_world()
    user = make_staff(world.served, Role.SYSTEM_ADMIN)
    staffing.staff_role_grant(user=user, agency=world.centre, role=Role.LEADER)
    user = type(user).objects.get(pk=user.pk)  # a fresh request
    assert figure_roots(user) is None and can_read_figures(user, world.other)
    assert [(r.role, r.agency) for r in figure_roles(user)] == [(Role.LEADER, world.centre)]


def test_anonymous_applicants_and_inactive_users_read_nothing():
    from django.contrib.auth.models import AnonymousUser

    world = make_world()
    inactive = make_staff(world.centre, Role.INSPECTOR)
    inactive.is_active = False
    inactive.save()
    for user in (AnonymousUser(), make_user("citizen"), inactive):
        assert figure_roots(user) == [] and not can_read_figures(user, world.centre)
