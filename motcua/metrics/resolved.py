"""One definition of a *resolved* dossier, for the dashboard and the periodic report alike (issue 13 §6).

Resolved in [start, end]: received, and **decided** (approved or refused after appraisal) on a local day of the
period. Withdrawn dossiers (before reception) and dossiers stopped at the applicant's request are not resolved:
the 766 on-time indicator still counts a stop as the end of processing (``facts.end_of_processing``), but neither
the dashboard's nor the report's "resolved" does. On time and early are the facts' own flags (judged on the due
moment, supplement time excluded, more than one supplement request overdue).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from motcua.metrics.models import DossierFact
from motcua.metrics.scope import Scope

Key = tuple[int, int]  # (lead agency, field)


def resolved_condition(start: dt.date, end: dt.date) -> Q:
    return Q(received__isnull=False, decided__gte=start, decided__lte=end)


@dataclass(frozen=True)
class Resolved:
    total: int = 0
    on_time: int = 0
    early: int = 0

    @property
    def late(self) -> int:
        return self.total - self.on_time

    def __add__(self, other: Resolved) -> Resolved:
        return Resolved(self.total + other.total, self.on_time + other.on_time, self.early + other.early)


def resolved_by_agency_and_field(
    *, scope: Scope, start: dt.date, end: dt.date, field_id: int | None = None
) -> dict[Key, Resolved]:
    """Resolved dossiers of the scope's agencies over [start, end], per (lead agency, field)."""
    agencies = [a.pk for a in scope.agencies()]
    rows = DossierFact.objects.filter(resolved_condition(start, end), agency_id__in=agencies)
    if field_id is not None:
        rows = rows.filter(field_id=field_id)
    out: dict[Key, Resolved] = defaultdict(Resolved)
    grouped = rows.values("agency_id", "field_id").annotate(
        n=Count("pk"), on_time_n=Count("pk", filter=Q(on_time=True)), early_n=Count("pk", filter=Q(early=True))
    )
    for row in grouped:
        out[(int(row["agency_id"]), int(row["field_id"]))] = Resolved(row["n"], row["on_time_n"], row["early_n"])
    return dict(out)


def resolved_total(*, scope: Scope, start: dt.date, end: dt.date) -> Resolved:
    return sum(resolved_by_agency_and_field(scope=scope, start=start, end=end).values(), Resolved())
