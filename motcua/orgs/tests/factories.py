"""Small builders for agency trees and staff used across the test suite."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import Any

from motcua.accounts.models import User
from motcua.orgs import services, staffing
from motcua.orgs.models import Agency, AgencyKind

_seq = count(1)


def make_user(username: str | None = None, **fields: Any) -> User:
    username = username or f"user{next(_seq)}"
    user = User(username=username, full_name=fields.pop("full_name", username), **fields)
    user.set_password("pw-" + username)
    user.save()
    return user


def make_staff(agency: Agency, role: str, username: str | None = None, unit: Any = None) -> User:
    user = make_user(username)
    staffing.staff_role_grant(user=user, agency=agency, role=role, unit=unit)
    return user


@dataclass
class World:
    """Two provinces. In Hà Nội (H26): the one-stop centre C serves department D; C has a child reception
    point Cc; S is a department C does not serve (a sibling). In Bắc Ninh (H06): department Q."""

    province: Agency
    centre: Agency
    served: Agency
    child: Agency
    sibling: Agency
    other_province: Agency
    other: Agency
    extra: dict[str, Agency] = field(default_factory=dict)

    def targets(self) -> dict[str, Agency]:
        return {
            "own": self.centre,
            "served": self.served,
            "child": self.child,
            "sibling": self.sibling,
            "other_province": self.other,
        }


def make_world() -> World:
    province = services.agency_create(code="000.00.00.H26", name="UBND thành phố Hà Nội", kind=AgencyKind.PROVINCE)
    centre = services.agency_create(
        code="000.00.01.H26",
        name="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
        kind=AgencyKind.ONE_STOP_CENTRE,
        parent=province,
    )
    served = services.agency_create(
        code="000.00.10.H26", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=province
    )
    sibling = services.agency_create(
        code="000.00.11.H26", name="Sở Xây dựng", kind=AgencyKind.DEPARTMENT, parent=province
    )
    child = services.agency_create(
        code="000.01.01.H26", name="Điểm tiếp nhận Ba Đình", kind=AgencyKind.OTHER, parent=centre
    )
    services.agency_set_served(centre=centre, served=[served])
    other_province = services.agency_create(code="000.00.00.H06", name="UBND tỉnh Bắc Ninh", kind=AgencyKind.PROVINCE)
    other = services.agency_create(
        code="000.00.10.H06",
        name="Sở Tư pháp tỉnh Bắc Ninh",
        kind=AgencyKind.DEPARTMENT,
        parent=other_province,
    )
    return World(province, centre, served, child, sibling, other_province, other)
