"""Agencies: the public tree and one agency's details."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.errors import ErrorOut
from motcua.core.errors import NotFound
from motcua.orgs import selectors

router = Router(tags=["agencies"])


class AgencyNode(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    is_active: bool
    children: list[AgencyNode]


class TreeQuery(Schema):
    root: str | None = Field(None, description="Identifier code of the subtree's root", max_length=13)
    include_inactive: bool = False


class AgencyRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    address: str
    admin_code: str
    is_active: bool
    valid_from: str | None
    valid_to: str | None
    parent: AgencyRef | None
    units: list[UnitOut]
    serves: list[AgencyRef]
    served_by: list[AgencyRef]
    replaces: list[AgencyRef]
    replaced_by: list[AgencyRef]


def _get(code: str) -> Any:
    agency = selectors.agency_get_by_code(code)
    if agency is None:
        raise NotFound(f"No agency has the identifier code {code}.")
    return agency


@router.get("", response={200: list[AgencyNode], 404: ErrorOut}, summary="The agency tree")
def tree(request: HttpRequest, params: Query[TreeQuery]) -> list[dict[str, Any]]:
    root = _get(params.root) if params.root else None
    return selectors.agency_tree(root=root, include_inactive=params.include_inactive)


def _refs(qs: Any) -> list[AgencyRef]:
    return [AgencyRef(code=a.code, name=a.name) for a in qs.order_by("name")]


@router.get("/{code}", response={200: AgencyOut, 404: ErrorOut}, summary="One agency")
def detail(request: HttpRequest, code: str) -> AgencyOut:
    agency = _get(code)
    return AgencyOut(
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        kind=agency.kind,
        address=agency.address,
        admin_code=agency.admin_code,
        is_active=agency.is_active,
        valid_from=agency.valid_from.isoformat() if agency.valid_from else None,
        valid_to=agency.valid_to.isoformat() if agency.valid_to else None,
        parent=AgencyRef(code=agency.parent.code, name=agency.parent.name) if agency.parent else None,
        units=[UnitOut(code=u.code, name=u.name) for u in agency.units.filter(is_active=True)],
        serves=_refs(agency.served_agencies.all()),
        served_by=_refs(agency.served_by.all()),
        replaces=_refs(agency.predecessors.all()),
        replaced_by=_refs(agency.successors.all()),
    )
