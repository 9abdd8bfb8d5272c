"""The access matrix: every role × own agency / served agency / child / sibling / other province."""

import datetime as dt
from dataclasses import dataclass

import pytest

from motcua.core import clock
from motcua.core.errors import PermissionDenied
from motcua.orgs import staffing
from motcua.orgs.models import Role
from motcua.orgs.policy import Action, can, require, scope_agency_ids
from motcua.orgs.tests.factories import make_staff, make_user, make_world

pytestmark = pytest.mark.django_db

V, R, P, A, S, AD = Action.VIEW, Action.RECEIVE, Action.PROCESS, Action.ASSIGN, Action.SIGN, Action.ADMINISTER
ALL_STAFF_ACTIONS = {V, R, P, A, S, AD}
NONE: set[Action] = set()

# Every user sits at the one-stop centre ("own"), which serves the department ("served") and has a child
# reception point ("child"); "sibling" is a department the centre does not serve; "other_province" is in Bắc Ninh.
EXPECTED: dict[str, dict[str, set[Action]]] = {
    Role.DESK_OFFICER: {
        "own": {V, R},
        "served": {V, R},
        "child": NONE,
        "sibling": NONE,
        "other_province": NONE,
    },
    Role.SPECIALIST: {
        "own": {V, P},
        "served": {V, P},
        "child": NONE,
        "sibling": NONE,
        "other_province": NONE,
    },
    Role.LEADER: {
        "own": {V, P, A, S},
        "served": {V, P, A, S},
        "child": NONE,
        "sibling": NONE,
        "other_province": NONE,
    },
    Role.AGENCY_ADMIN: {
        "own": {V, AD},
        "served": NONE,
        "child": {V, AD},
        "sibling": NONE,
        "other_province": NONE,
    },
    Role.INSPECTOR: {"own": {V}, "served": NONE, "child": {V}, "sibling": NONE, "other_province": NONE},
    Role.SYSTEM_ADMIN: dict.fromkeys(("own", "served", "child", "sibling", "other_province"), ALL_STAFF_ACTIONS),
}


def test_the_matrix_covers_every_role():
    assert set(EXPECTED) == set(Role.values)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_matrix(role):
    world = make_world()
    user = make_staff(world.centre, role)
    for target_name, target in world.targets().items():
        allowed = {action for action in ALL_STAFF_ACTIONS if can(user, action, target)}
        assert allowed == EXPECTED[role][target_name], (role, target_name)
        assert not can(user, Action.APPLY, target) or role == Role.SYSTEM_ADMIN


@dataclass
class Owned:
    """Stands for an applicant-owned object (a dossier later) handled at some agencies."""

    owner_id: int
    agency_ids: set[int]

    def policy_owner_ids(self) -> set[int]:
        return {self.owner_id}

    def policy_agency_ids(self) -> set[int]:
        return self.agency_ids


def test_an_applicant_sees_only_their_own_objects():
    world = make_world()
    alice, bob = make_user("alice"), make_user("bob")
    mine = Owned(alice.pk, {world.served.pk})
    theirs = Owned(bob.pk, {world.served.pk})
    assert can(alice, Action.VIEW, mine) and can(alice, Action.APPLY, mine)
    assert not can(alice, Action.VIEW, theirs) and not can(alice, Action.APPLY, theirs)
    assert not can(alice, Action.RECEIVE, mine)  # an applicant is not staff
    for target in world.targets().values():
        assert not can(alice, Action.VIEW, target)


def test_staff_may_act_on_an_object_with_a_step_at_their_agency():
    world = make_world()
    specialist_elsewhere = make_staff(world.sibling, Role.SPECIALIST)
    dossier_like = Owned(make_user().pk, {world.served.pk, world.sibling.pk})
    assert can(specialist_elsewhere, Action.PROCESS, dossier_like)
    assert not can(specialist_elsewhere, Action.PROCESS, Owned(0, {world.served.pk}))


def test_anonymous_and_inactive_users_may_do_nothing():
    world = make_world()
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Action.VIEW, world.centre)
    user = make_staff(world.centre, Role.LEADER)
    user.is_active = False
    user.save()
    assert not can(user, Action.VIEW, world.centre)


def test_a_revoked_role_no_longer_counts():
    world = make_world()
    user = make_staff(world.centre, Role.DESK_OFFICER)
    staffing.staff_role_revoke(staff_role=user.staff_roles.get())
    user = type(user).objects.get(pk=user.pk)  # a fresh request
    assert not can(user, Action.RECEIVE, world.centre)


def test_a_deputy_signs_only_during_the_delegation():
    world = make_world()
    leader = make_staff(world.served, Role.LEADER, "giamdoc")
    deputy = make_staff(world.served, Role.SPECIALIST, "phogiamdoc")
    start = dt.datetime(2026, 3, 2, 7, 30, tzinfo=clock.VN_TZ)
    staffing.delegation_create(
        delegator=leader,
        delegate=deputy,
        agency=world.served,
        starts_at=start,
        ends_at=start + dt.timedelta(days=5),
    )
    fresh = type(deputy).objects.get
    with clock.frozen(start + dt.timedelta(days=1)):
        assert can(fresh(pk=deputy.pk), Action.SIGN, world.served)
    with clock.frozen(start + dt.timedelta(days=6)):
        assert not can(fresh(pk=deputy.pk), Action.SIGN, world.served)
    with clock.frozen(start - dt.timedelta(minutes=1)):
        assert not can(fresh(pk=deputy.pk), Action.SIGN, world.served)


def test_only_a_leader_may_delegate_and_only_to_staff_of_the_agency():
    from motcua.core.errors import ValidationFailed

    world = make_world()
    specialist = make_staff(world.served, Role.SPECIALIST)
    outsider = make_staff(world.sibling, Role.SPECIALIST)
    leader = make_staff(world.served, Role.LEADER)
    start = clock.now()
    with pytest.raises(ValidationFailed):
        staffing.delegation_create(
            delegator=specialist, delegate=leader, agency=world.served, starts_at=start,
            ends_at=start + dt.timedelta(days=1),
        )  # fmt: skip
    with pytest.raises(ValidationFailed):
        staffing.delegation_create(
            delegator=leader, delegate=outsider, agency=world.served, starts_at=start,
            ends_at=start + dt.timedelta(days=1),
        )  # fmt: skip
    with pytest.raises(ValidationFailed):
        staffing.delegation_create(
            delegator=leader, delegate=specialist, agency=world.served, starts_at=start, ends_at=start
        )


def test_require_raises_a_clear_error():
    world = make_world()
    user = make_staff(world.centre, Role.DESK_OFFICER)
    with pytest.raises(PermissionDenied) as caught:
        require(user, Action.SIGN, world.served)
    assert caught.value.status == 403


def test_scope_for_queries():
    world = make_world()
    desk = make_staff(world.centre, Role.DESK_OFFICER)
    assert scope_agency_ids(desk, Action.RECEIVE) == {world.centre.pk, world.served.pk}
    admin = make_staff(world.centre, Role.SYSTEM_ADMIN)
    assert scope_agency_ids(admin, Action.RECEIVE) is None
