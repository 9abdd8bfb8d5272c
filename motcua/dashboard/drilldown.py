"""From a number on the dashboard to the dossiers behind it.

Each measure is a condition on the per-dossier fact rows (``metrics_dossierfact``), written from what
``metrics.facts.contributions`` adds to the aggregates, so a list has exactly as many rows as the number it came
from. For a period [start, end] and the agencies of a scope:

- reception measures (received, online, fees, paid online, digitised, reused, synced): received in the period;
- end measures (finished, on time, early, late): processing ended in the period;
- stocks judged at the end of ``end`` (in progress, within time, overdue): received by then and not ended by then
  (``ended > end`` or none); overdue when, in addition, ``overdue_from <= end``;
- decision measures: decided in the period; return measures (returned, rated, satisfied, not satisfied): the result
  was returned in the period.

Pages are keyset pages on the dossier id (newest first): page 400 costs what page 1 costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier
from motcua.metrics.models import DossierFact
from motcua.metrics.resolved import resolved_condition
from motcua.metrics.scope import Scope
from motcua.orgs.models import Agency

PAGE_SIZE = 25
Condition = Callable[[dt.date, dt.date], Q]


def _received(start: dt.date, end: dt.date) -> Q:
    return Q(received__gte=start, received__lte=end)


def _ended(start: dt.date, end: dt.date) -> Q:
    return Q(received__isnull=False, ended__gte=start, ended__lte=end)


def _open_at(day: dt.date) -> Q:
    return Q(received__lte=day) & (Q(ended__isnull=True) | Q(ended__gt=day))


def _overdue_at(day: dt.date) -> Q:
    return _open_at(day) & Q(overdue_from__lte=day)


def _decided(start: dt.date, end: dt.date) -> Q:
    return Q(received__isnull=False, decided__gte=start, decided__lte=end)


def _returned(start: dt.date, end: dt.date) -> Q:
    return Q(received__isnull=False, returned__gte=start, returned__lte=end)


@dataclass(frozen=True)
class Measure:
    key: str
    label: Any
    condition: Condition


def _m(key: str, label: Any, condition: Condition) -> Measure:
    return Measure(key, label, condition)


MEASURES: tuple[Measure, ...] = (
    _m("received", _("Received"), _received),
    _m("counted", _("Handled or in progress (counted for on-time handling)"),
       lambda s, e: _ended(s, e) | _open_at(e)),
    _m("handled_on_time", _("Handled on time or in progress within time"),
       lambda s, e: (_ended(s, e) & Q(on_time=True)) | (_open_at(e) & ~Q(overdue_from__lte=e))),
    _m("late", _("Finished late or overdue"), lambda s, e: (_ended(s, e) & Q(on_time=False)) | _overdue_at(e)),
    # "Finished" on the dashboard is *resolved* (metrics.resolved): decided in the period, not withdrawn or stopped.
    _m("finished", _("Finished"), resolved_condition),
    _m("finished_on_time", _("Finished on time"), lambda s, e: resolved_condition(s, e) & Q(on_time=True)),
    _m("finished_early", _("Finished early"), lambda s, e: resolved_condition(s, e) & Q(early=True)),
    _m("finished_late", _("Finished late"), lambda s, e: resolved_condition(s, e) & Q(on_time=False)),
    _m("in_progress", _("In progress at the end of the period"), lambda s, e: _open_at(e)),
    _m("in_progress_on_time", _("In progress within time"), lambda s, e: _open_at(e) & ~Q(overdue_from__lte=e)),
    _m("overdue", _("Overdue (in progress past due at the end of the period)"), lambda s, e: _overdue_at(e)),
    _m("full_eligible", _("Received for full-process online procedures"),
       lambda s, e: _received(s, e) & Q(full_eligible=True)),
    _m("full_online", _("Filed online for full-process online procedures"),
       lambda s, e: _received(s, e) & Q(full_eligible=True, online=True)),
    _m("with_fees", _("With fees"), lambda s, e: _received(s, e) & Q(with_fees=True)),
    _m("paid_online", _("Paid online"), lambda s, e: _received(s, e) & Q(with_fees=True, paid_online=True)),
    _m("digitised", _("Digitised"), lambda s, e: _received(s, e) & Q(digitised=True)),
    _m("reused", _("Reusing digitised data"), lambda s, e: _received(s, e) & Q(reused=True)),
    _m("synced", _("Status reached the national portal"), lambda s, e: _received(s, e) & Q(synced=True)),
    _m("decided", _("Decided"), _decided),
    _m("electronic_result", _("Decided with an electronic result"),
       lambda s, e: _decided(s, e) & Q(result_file=True)),
    _m("returned", _("Results returned (may be rated)"), _returned),
    _m("rated", _("Rated"), lambda s, e: _returned(s, e) & Q(rated=True)),
    _m("satisfied", _("Satisfied"), lambda s, e: _returned(s, e) & Q(rated=True, satisfied=True)),
    _m("not_satisfied", _("Not satisfied"), lambda s, e: _returned(s, e) & Q(rated=True, satisfied=False)),
)  # fmt: skip
BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}


def facts_of(*, scope: Scope, measure: str, start: dt.date, end: dt.date) -> QuerySet[DossierFact]:
    """The fact rows counted in ``measure`` for the agencies of ``scope`` over [start, end]."""
    agencies = Agency.objects.filter(path__startswith=scope.root.path)
    if scope.kinds is not None:
        agencies = agencies.filter(kind__in=scope.kinds)
    return DossierFact.objects.filter(BY_KEY[measure].condition(start, end), agency_id__in=agencies.values("pk"))


def count(*, scope: Scope, measure: str, start: dt.date, end: dt.date) -> int:
    return facts_of(scope=scope, measure=measure, start=start, end=end).count()


@dataclass
class Page:
    rows: list[Dossier]
    next_cursor: str | None
    first: bool


def page(*, scope: Scope, measure: str, start: dt.date, end: dt.date, after: str = "") -> Page:
    """One page of the dossiers of ``measure``, newest first, after the dossier id ``after`` (keyset)."""
    facts = facts_of(scope=scope, measure=measure, start=start, end=end)
    cursor = int(after) if after.isdigit() else None
    if cursor is not None:
        facts = facts.filter(dossier_id__lt=cursor)
    ids = list(facts.order_by("-dossier_id").values_list("dossier_id", flat=True)[: PAGE_SIZE + 1])
    more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    found = (
        Dossier.objects.select_related("procedure_version", "applicant", "handling_agency").in_bulk(ids) if ids else {}
    )
    rows = [found[pk] for pk in ids if pk in found]
    return Page(rows, str(ids[-1]) if more and ids else None, cursor is None)
