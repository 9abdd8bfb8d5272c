"""Index inputs that come from the procedure catalogue (small tables, read directly at each request).

- Publication (transparency): the decision items signed in the period by an agency of the scope. An item is
  *published on time* when the working days after signing, up to and including the day its legal basis took effect,
  are at least the lead time (ministry 20, province 5); items without that date cannot be judged and are left out.
  It is *made public on time* when the working days after signing, up to and including the day it was made public
  in the national database, are at most the limit (ministry 10, province 5); an item not made public yet counts
  late once its limit has passed, and is left out before. A procedure late in any item is late. Working days are
  the issuing agency's calendar.
- Content: the procedures made public by the period's end whose version has every required part.
- Competence: the procedures whose version in force on the period's last day is implemented by an agency of the
  scope (named, or by kind), those offered full-process online, and those with fees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from motcua.catalog.models import Decision, DecisionItem, Fee, ProcedureVersion
from motcua.catalog.selectors import publication_facts, valid_on_filter, version_missing_parts
from motcua.core import clock
from motcua.metrics.config import Config
from motcua.metrics.scope import Scope
from motcua.orgs.models import Agency, AgencyKind
from motcua.workcalendar.engine import OutOfRange, WorkCalendar
from motcua.workcalendar.selectors import work_calendar_for_agency


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int


@dataclass
class CatalogueFacts:
    publishes: bool
    published_on_time: Ratio
    made_public_on_time: Ratio
    complete_content: Ratio
    competence: set[int] = field(default_factory=set)
    full_online: set[int] = field(default_factory=set)
    with_fees: set[int] = field(default_factory=set)


def _working_days_after(calendar: WorkCalendar, first: dt.date, last: dt.date) -> int:
    """Working days d with first < d <= last (negative when ``last`` comes first)."""
    if last <= first:
        return -calendar.working_days_between(last + dt.timedelta(1), first) if last < first else 0
    return calendar.working_days_between(first + dt.timedelta(1), last)


def _per_procedure(verdicts: dict[int, bool]) -> Ratio:
    return Ratio(sum(1 for ok in verdicts.values() if ok), len(verdicts))


def _publication(
    agencies: dict[int, Agency], start: dt.date, end: dt.date, config: Config, field_id: int | None
) -> tuple[bool, Ratio, Ratio, Ratio]:
    publishes = Decision.objects.filter(issuer_id__in=agencies).exists()
    return _publication_of(publishes, _items(agencies, start, end, field_id), agencies, end, config, {})


def _items(agencies: Iterable[int], start: dt.date, end: dt.date, field_id: int | None) -> list[DecisionItem]:
    facts = (
        publication_facts(start, end)
        .filter(decision__issuer_id__in=list(agencies))
        .prefetch_related("version__components")
    )
    if field_id is not None:
        facts = facts.filter(version__field_id=field_id)
    return list(facts)


def _publication_of(
    publishes: bool,
    items: list[DecisionItem],
    agencies: dict[int, Agency],
    end: dt.date,
    config: Config,
    calendars: dict[int, WorkCalendar],
) -> tuple[bool, Ratio, Ratio, Ratio]:
    """The transparency ratios of the decision items issued by ``agencies`` (``items`` may hold others')."""
    on_time: dict[int, bool] = {}
    made_public: dict[int, bool] = {}
    complete: dict[int, bool] = {}
    today = min(end, clock.today())
    for item in items:
        decision = item.decision
        issuer = agencies.get(decision.issuer_id)  # type: ignore[arg-type]
        if issuer is None:
            continue
        level = "ministry" if issuer.kind == AgencyKind.MINISTRY else "province"
        calendar = calendars.setdefault(issuer.pk, work_calendar_for_agency(issuer))
        pid = item.procedure_id
        try:
            if item.basis_effective_on is not None:
                lead = _working_days_after(calendar, decision.signed_on, item.basis_effective_on)
                ok = lead >= config.integer(f"transparency.publish_lead_days.{level}")
                on_time[pid] = on_time.get(pid, True) and ok
            limit = config.integer(f"transparency.made_public_days.{level}")
            if decision.made_public_on is not None:
                ok = _working_days_after(calendar, decision.signed_on, decision.made_public_on) <= limit
                made_public[pid] = made_public.get(pid, True) and ok
            elif _working_days_after(calendar, decision.signed_on, today) > limit:
                made_public[pid] = False
        except OutOfRange:
            continue
        if item.version is not None and decision.made_public_on is not None and decision.made_public_on <= end:
            complete[pid] = complete.get(pid, True) and not version_missing_parts(item.version)
    return publishes, _per_procedure(on_time), _per_procedure(made_public), _per_procedure(complete)


def _competence(agencies: list[Agency], end: dt.date, field_id: int | None) -> tuple[set[int], set[int], set[int]]:
    implemented = Q(agencies__in=[a.pk for a in agencies])
    for kind in {a.kind for a in agencies}:
        implemented |= Q(agency_kinds__contains=kind)
    versions = ProcedureVersion.objects.filter(valid_on_filter(end)).filter(implemented)
    if field_id is not None:
        versions = versions.filter(field_id=field_id)
    rows = set(
        versions.annotate(has_fees=Exists(Fee.objects.filter(version=OuterRef("pk"))))
        .values_list("procedure_id", "online_level", "has_fees")
        .distinct()
    )
    return _competence_of(rows)


def _competence_of(rows: Iterable[tuple[int, str, bool]]) -> tuple[set[int], set[int], set[int]]:
    rows = list(rows)
    competence = {pid for pid, _level, _fees in rows}
    full = {pid for pid, level, _fees in rows if level == "full"}
    fees = {pid for pid, _level, has_fees in rows if has_fees}
    return competence, full, fees


def catalogue_facts_of_subtrees(
    *, parent: Agency, roots: Sequence[Agency], start: dt.date, end: dt.date, config: Config
) -> dict[int, CatalogueFacts]:
    """:func:`catalogue_facts` of ``Scope(root)`` for each of ``roots`` (agencies of ``parent``'s tree), from one
    read of the tree's decisions and versions instead of four reads per root."""
    tree = list(Agency.objects.filter(path__startswith=parent.path))
    members = {root.pk: {a.pk: a for a in tree if a.path.startswith(root.path)} for root in roots}
    issuers = set(Decision.objects.filter(issuer_id__in=[a.pk for a in tree]).values_list("issuer_id", flat=True))
    items = _items((a.pk for a in tree), start, end, None)
    implemented = Q(agencies__in=[a.pk for a in tree])
    for kind in {a.kind for a in tree}:
        implemented |= Q(agency_kinds__contains=kind)
    versions = list(
        ProcedureVersion.objects.filter(valid_on_filter(end))
        .filter(implemented)
        .annotate(has_fees=Exists(Fee.objects.filter(version=OuterRef("pk"))))
        .prefetch_related("agencies")
        .distinct()
    )
    implementers = [(v, {a.pk for a in v.agencies.all()}) for v in versions]
    calendars: dict[int, WorkCalendar] = {}
    out = {}
    for root in roots:
        agencies = members[root.pk]
        kinds = {a.kind for a in agencies.values()}
        rows = {
            (v.procedure_id, v.online_level, bool(v.has_fees))
            for v, named in implementers
            if not named.isdisjoint(agencies) or any(kind in v.agency_kinds for kind in kinds)
        }
        publication = _publication_of(bool(issuers & agencies.keys()), items, agencies, end, config, calendars)
        out[root.pk] = CatalogueFacts(*publication, *_competence_of(rows))
    return out


def catalogue_facts(
    scope: Scope, start: dt.date, end: dt.date, config: Config, field_id: int | None = None
) -> CatalogueFacts:
    agencies = scope.agencies()
    publishes, published, made_public, complete = _publication(
        {a.pk: a for a in agencies}, start, end, config, field_id
    )
    competence, full, fees = _competence(agencies, end, field_id)
    return CatalogueFacts(publishes, published, made_public, complete, competence, full, fees)
