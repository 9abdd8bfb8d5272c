"""The current user."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.api.auth import AUTH, current_user
from motcua.api.errors import ErrorOut
from motcua.orgs.models import StaffRole

router = Router(tags=["accounts"])


class RoleOut(Schema):
    role: str
    role_label: str
    agency_code: str
    agency_name: str
    unit: str | None


class ApplicantOut(Schema):
    kind: str
    id_type: str
    id_number: str
    name: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_system_admin: bool
    roles: list[RoleOut]
    applicant: ApplicantOut | None


@router.get("", response={200: MeOut, 401: ErrorOut}, auth=AUTH, summary="The current user")
def me(request: HttpRequest) -> MeOut:
    user = current_user(request)
    roles = [
        RoleOut(
            role=r.role,
            role_label=str(r.get_role_display()),
            agency_code=r.agency.code,
            agency_name=r.agency.name,
            unit=r.unit.name if r.unit else None,
        )
        for r in StaffRole.objects.filter(user=user, is_active=True).select_related("agency", "unit")
    ]
    applicant = getattr(user, "applicant", None)
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email or "",
        is_system_admin=bool(user.is_superuser) or any(r.role == "system_admin" for r in roles),
        roles=roles,
        applicant=ApplicantOut(
            kind=applicant.kind, id_type=applicant.id_type, id_number=applicant.id_number, name=applicant.name
        )
        if applicant
        else None,
    )
