"""Reads of the agency tree for pages, the API and other apps."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from motcua.orgs.models import Agency, AgencyKind

#: Siblings without an official number: the one-stop centre and the departments before the local units.
KIND_RANK = {
    AgencyKind.MINISTRY: 0, AgencyKind.PROVINCE: 1, AgencyKind.ONE_STOP_CENTRE: 2, AgencyKind.DEPARTMENT: 3,
    AgencyKind.DISTRICT: 4, AgencyKind.WARD: 5, AgencyKind.COMMUNE: 5, AgencyKind.SPECIAL_ZONE: 5, AgencyKind.OTHER: 6,
}  # fmt: skip


def name_key(name: str) -> str:
    """A Vietnamese name for sorting: "Đ" with "D", "Ủy" with "Uy" (marks ignored), case folded."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def _sibling_key(agency: Agency) -> tuple[Any, ...]:
    order = agency.official_order
    return (
        order is None,
        order or 0,
        KIND_RANK.get(AgencyKind(agency.kind), 9),
        name_key(agency.short_name or agency.name),
    )


def agencies_in_tree_order(agencies: Iterable[Agency]) -> list[Agency]:
    """``agencies`` in the order of the tree (a parent before its children) and, among siblings, in the official
    order, then by kind and name — not by database id. One query for the ancestors not given."""
    given = list(agencies)
    known = {a.pk: a for a in given}
    missing = {int(pk) for a in given for pk in a.path.strip("/").split("/") if pk} - set(known)
    if missing:
        known.update({a.pk: a for a in Agency.objects.filter(pk__in=missing)})

    def key(agency: Agency) -> tuple[Any, ...]:
        chain = [known[int(pk)] for pk in agency.path.strip("/").split("/") if pk and int(pk) in known]
        if not chain or chain[-1].pk != agency.pk:
            chain.append(agency)
        return tuple(_sibling_key(a) for a in chain)

    return sorted(given, key=key)


def agency_get_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def agency_tree(*, root: Agency | None = None, include_inactive: bool = False) -> list[dict[str, Any]]:
    """The agency tree as nested dicts, in one query."""
    qs = Agency.objects.all()
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    nodes: dict[int, dict[str, Any]] = {}
    parents: dict[int, int | None] = {}
    for agency in qs.order_by("path", "name"):
        nodes[agency.pk] = {
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "is_active": agency.is_active,
            "children": [],
        }
        parents[agency.pk] = agency.parent_id
    roots: list[dict[str, Any]] = []
    for pk, node in nodes.items():
        parent_id = parents[pk]
        if parent_id in nodes and (root is None or pk != root.pk):
            nodes[parent_id]["children"].append(node)
        else:
            roots.append(node)
    for node in nodes.values():
        node["children"].sort(key=lambda child: child["name"])
    return roots


def agency_lineage(agency: Agency) -> list[Agency]:
    """The agency and all the units it replaced, recursively (to read pre-reform history)."""
    seen: dict[int, Agency] = {}
    todo = [agency]
    while todo:
        node = todo.pop()
        if node.pk in seen:
            continue
        seen[node.pk] = node
        todo.extend(node.predecessors.all())
    return list(seen.values())


def agency_active_on(agency: Agency, day: dt.date) -> bool:
    return agency.is_active and agency.is_valid_on(day)


def agency_ancestors(agency: Agency) -> list[Agency]:
    """Ancestors from the root down to the parent (used e.g. for 'nearest ancestor's calendar')."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part][:-1]
    by_id = Agency.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]
