"""A small Hà Nội with dossiers in every state the dashboard counts, made through the services at frozen moments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, vn
from motcua.dossiers.tracking import tracking_token
from motcua.metrics.tests.helpers import decide, intake, return_result, transfer
from motcua.orgs.models import Role, StaffRole
from motcua.portal.tests.conftest import (  # noqa: F401
    _fresh_page_caches,
    browser_type_launch_args,
    live_world,
    with_password,
    world,
)
from motcua.ratings.services import rating_submit


@pytest.fixture(autouse=True)
def _fresh_caches(request):
    """The index configuration and the cached rankings start empty (ids are reused between tests)."""
    from django.core.cache import cache

    from motcua.metrics import config

    config.clear_cache()
    if {"db", "transactional_db", "world", "live_world"} & set(request.fixturenames):
        request.getfixturevalue("db" if "live_world" not in request.fixturenames else "transactional_db")
        cache.clear()
    yield
    config.clear_cache()


@dataclass
class Story:
    early: Dossier  # decided a day before its due day, returned, rated satisfied
    late: Dossier  # decided after its due moment, returned, rated not satisfied
    overdue: list[Dossier]  # received in March, never finished
    april: Dossier  # received and decided in April, returned, not rated


def rate(dossier: Dossier, at: Any, *, satisfied: bool) -> None:
    dossier.refresh_from_db()
    with clock.frozen(at):
        rating_submit(dossier_id=dossier.pk, channel="qr", token=tracking_token(dossier.code), satisfied=satisfied)


def make_story(world: World) -> Story:  # noqa: F811 - a plain argument
    """Reception Mon 02/03/2026 (due Wed 04/03 14:30 and later by the minute of reception)."""
    early = intake(world, vn(2026, 3, 2, 9, 0))
    late = intake(world, vn(2026, 3, 2, 9, 30))
    overdue = [intake(world, vn(2026, 3, 2, 10, 0)), intake(world, vn(2026, 3, 2, 10, 30))]
    for dossier in (early, late, overdue[0]):
        transfer(world, dossier, vn(2026, 3, 2, 11, 0))
    decide(world, early, vn(2026, 3, 3, 10, 0))
    decide(world, late, vn(2026, 3, 6, 10, 0))
    return_result(world, early, vn(2026, 3, 4, 9, 0))
    return_result(world, late, vn(2026, 3, 9, 9, 0))
    rate(early, vn(2026, 3, 4, 9, 30), satisfied=True)
    rate(late, vn(2026, 3, 9, 9, 30), satisfied=False)
    april = intake(world, vn(2026, 4, 1, 9, 0))
    transfer(world, april, vn(2026, 4, 1, 10, 0))
    decide(world, april, vn(2026, 4, 2, 10, 0))
    return_result(world, april, vn(2026, 4, 3, 9, 0))
    return Story(early, late, overdue, april)


@pytest.fixture
def story(world: World) -> Story:  # noqa: F811 - the imported fixture
    return make_story(world)


def make_inspector(world: World) -> User:  # noqa: F811 - a plain argument
    user = User.objects.create(username="thanhtra", full_name="Thanh tra thành phố")
    StaffRole.objects.create(user=user, agency=world.city.province, role=Role.INSPECTOR)
    with_password(user)
    return user


@pytest.fixture
def inspector(world: World) -> User:  # noqa: F811 - the imported fixture
    return make_inspector(world)


@pytest.fixture
def leader_admin(world: World) -> User:  # noqa: F811 - the imported fixture
    """An agency administrator of the province (administers its whole subtree)."""
    user = User.objects.create(username="quantri.tp", full_name="Quản trị thành phố")
    StaffRole.objects.create(user=user, agency=world.city.province, role=Role.AGENCY_ADMIN)
    with_password(user)
    return user
