"""Writes to the agency tree. Every function validates fully and changes nothing when it refuses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.orgs.models import SERVING_KINDS, Agency, AgencyKind, Unit

AGENCY_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "official_order",
    "admin_code",
    "address",
    "phone",
    "email",
    "is_active",
    "valid_from",
    "valid_to",
)


def _full_clean(obj: Agency | Unit, *, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ValidationFailed(_("The data is not valid."), fields=exc.message_dict) from exc


def check_no_loop(agency: Agency, parent: Agency | None) -> None:
    """Refuse a parent that is the agency itself or one of its descendants."""
    node = parent
    while node is not None:
        if agency.pk is not None and node.pk == agency.pk:
            raise ValidationFailed(
                _("%(agency)s cannot be placed under %(parent)s: that would make a loop in the agency tree.")
                % {"agency": agency.code, "parent": parent.code if parent else ""},
                code="agency_loop",
                fields={"parent": _("The parent is the agency itself or one of its descendants.")},
            )
        node = node.parent


def tree_path_for(agency: Agency) -> str:
    """The materialised path of ``agency`` from its parent's stored path (read fresh from the database)."""
    if agency.parent_id is None:
        return f"/{agency.pk}/"
    parent_path = Agency.objects.values_list("path", flat=True).get(pk=agency.parent_id)
    return f"{parent_path}{agency.pk}/"


def refresh_subtree_paths(agency: Agency) -> None:
    """Recompute the stored paths of ``agency`` and its descendants after a move."""
    old_prefix = Agency.objects.values_list("path", flat=True).get(pk=agency.pk)
    agency.path = tree_path_for(agency)
    Agency.objects.filter(pk=agency.pk).update(path=agency.path)
    if old_prefix == agency.path:
        return
    for child in Agency.objects.filter(path__startswith=old_prefix).exclude(pk=agency.pk):
        Agency.objects.filter(pk=child.pk).update(path=agency.path + child.path[len(old_prefix) :])


@transaction.atomic
def agency_create(*, code: str, name: str, kind: str, parent: Agency | None = None, **fields: Any) -> Agency:
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency(code=code, name=name, kind=kind, parent=parent, **fields)
    _full_clean(agency, exclude=["path"])
    agency.save()
    agency.path = tree_path_for(agency)
    agency.save(update_fields=["path"])
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, parent: Agency | None | object = ..., **fields: Any) -> Agency:
    """Change fields of ``agency``; pass ``parent`` to move it (loops are refused)."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    unknown = set(fields) - set(AGENCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(agency, key, value)
    moved = False
    if parent is not ...:
        if parent is not None and not isinstance(parent, Agency):
            raise TypeError("parent must be an Agency or None")
        check_no_loop(agency, parent)
        moved = agency.parent_id != (parent.pk if parent else None)
        agency.parent = parent
    _full_clean(agency, exclude=["path"])
    agency.save()
    if moved:
        refresh_subtree_paths(agency)
    return agency


def check_serves(centre: Agency, served: Iterable[Agency]) -> None:
    served = list(served)
    if served and centre.kind not in SERVING_KINDS:
        raise ValidationFailed(
            _("Only a public administration service centre can serve other agencies; %(code)s is a %(kind)s.")
            % {"code": centre.code, "kind": AgencyKind(centre.kind).label},
            code="not_a_centre",
            fields={"serves": _("This agency is not a one-stop centre.")},
        )
    if any(agency.pk == centre.pk for agency in served):
        raise ValidationFailed(
            _("A centre does not serve itself."),
            code="serves_self",
            fields={"serves": _("Remove the centre itself.")},
        )


@transaction.atomic
def agency_set_served(*, centre: Agency, served: Iterable[Agency]) -> None:
    served = list(served)
    check_serves(centre, served)
    centre.served_agencies.set(served)


@transaction.atomic
def agency_set_predecessors(*, agency: Agency, predecessors: Iterable[Agency]) -> None:
    predecessors = list(predecessors)
    if any(p.pk == agency.pk for p in predecessors):
        raise ValidationFailed(_("An agency cannot replace itself."), code="replaces_self")
    agency.predecessors.set(predecessors)


@transaction.atomic
def unit_create(*, agency: Agency, code: str, name: str, is_active: bool = True) -> Unit:
    unit = Unit(agency=agency, code=code, name=name, is_active=is_active)
    _full_clean(unit)
    unit.save()
    return unit
