"""Which target is in force for an agency on a day: its own latest row on or before the day, else its nearest
ancestor's, else the default below (the examples of the issue; the rest are motcua's, change them in the admin)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from motcua.dashboard.models import Target, TargetKey
from motcua.orgs.models import Agency

DEFAULTS: dict[str, Decimal] = {
    TargetKey.FULL_PROCESS_ONLINE_SHARE: Decimal(40),
    TargetKey.PAID_ONLINE_SHARE: Decimal(30),
    TargetKey.FEE_PROCEDURES_PAID_ONLINE_SHARE: Decimal(60),
    TargetKey.ON_TIME_SHARE: Decimal(95),
    TargetKey.RATED_SHARE: Decimal(80),
    TargetKey.SATISFIED_SHARE: Decimal(90),
}


@dataclass(frozen=True)
class InForce:
    key: str
    threshold: Decimal
    #: the agency whose row applies (the agency itself, an ancestor), or ``None`` for the default
    source: Agency | None
    valid_from: dt.date | None


def ancestor_ids(agency: Agency) -> list[int]:
    """The agency and its ancestors, nearest first (from the materialised path "/1/4/9/")."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part]
    return list(reversed(ids)) or [agency.pk]


def targets_in_force(agency: Agency, day: dt.date) -> dict[str, InForce]:
    """Every target key for ``agency`` on ``day`` (one query over the agency's line of ancestors)."""
    line = ancestor_ids(agency)
    rows = (
        Target.objects.filter(agency_id__in=line, valid_from__lte=day)
        .select_related("agency")
        .order_by("key", "-valid_from", "-pk")
    )
    best: dict[str, tuple[int, Target]] = {}
    for row in rows:
        depth = line.index(row.agency_id)
        found = best.get(row.key)
        # the nearest agency wins; within one agency the latest valid_from (rows come latest first)
        if found is None or depth < found[0]:
            best[row.key] = (depth, row)
    out: dict[str, InForce] = {}
    for key in TargetKey.values:
        if key in best:
            row = best[key][1]
            out[key] = InForce(key, Decimal(row.threshold), row.agency, row.valid_from)
        else:
            out[key] = InForce(key, DEFAULTS[key], None, None)
    return out
