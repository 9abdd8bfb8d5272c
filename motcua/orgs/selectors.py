"""Reads of the agency tree for pages, the API and other apps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.orgs.models import Agency


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
