"""Reading the inputs of the facts from the raw tables, for many dossiers at once.

The subscriber reads only the parts an event can have changed (``PARTS_BY_ACTION``); the rebuild reads them all,
a chunk of dossiers at a time. Both use :func:`load_inputs`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from motcua.core.errors import DomainError
from motcua.dossiers.models import DossierComponent, DossierFile, Pause, Payment, PaymentMethod, PaymentStatus
from motcua.dossiers.timing import calendar_for
from motcua.integrations.models import OutboxMessage, OutboxStatus
from motcua.metrics.facts import INPUT_FIELDS, Inputs, end_of_processing
from motcua.metrics.rawsql import aware, fetch_many, ids_in
from motcua.orgs.models import Agency
from motcua.ratings.models import Rating
from motcua.workcalendar.engine import OutOfRange, WorkCalendar
from motcua.workcalendar.services.deadlines import add_working_time

COMPONENTS, RESULTS, PAYMENTS = "components", "results", "payments"
PAUSES, RATINGS, SYNCED = "pauses", "ratings", "synced"
ALL_PARTS = frozenset({COMPONENTS, RESULTS, PAYMENTS, PAUSES, RATINGS, SYNCED})

#: Which inputs a dossier event can change. Pauses also give the working time, needed once processing ends.
PARTS_BY_ACTION: dict[str, frozenset[str]] = {
    "receive": frozenset({COMPONENTS}),
    "record_payment": frozenset({PAYMENTS}),
    "pause": frozenset({PAUSES}),
    "resume": frozenset({PAUSES}),
    "answer_pause": frozenset({PAUSES}),
    "stop": frozenset({PAUSES}),
    "decide": frozenset({PAUSES}),
    "attach_result": frozenset({RESULTS}),
}
#: Actions that change nothing the facts read (neither the dossier fields of ``facts.derive`` nor an input): the
#: subscriber skips them. The rebuild-equals-incremental test would catch an action wrongly listed here.
NEUTRAL_ACTIONS = frozenset({"transfer", "assign", "note", "handover", "consult", "send_to_desk", "apologise"})
#: The national status of a sent portal message is the dossier's once it carries a reception time.
SYNCED_TOPIC = "portal.dossier_status"
APPLICANT_SUPPLEMENT_REASONS = ("applicant", "appraisal_supplement")


class RawDossier(Protocol):
    pk: int
    code: str | None
    state: str
    receiving_agency_id: int
    received_at: dt.datetime | None
    clock_start_at: dt.datetime | None
    due_at: dt.datetime | None
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None
    limit_amount: Decimal
    limit_unit: str
    supplement_requests: int


class Calendars:
    """The working calendar of each receiving agency, looked up once."""

    def __init__(self, agencies: Mapping[int, Any] | None = None) -> None:
        self._agencies = dict(agencies or {})
        self._engines: dict[int, WorkCalendar] = {}

    def for_agency(self, agency_id: int) -> WorkCalendar:
        engine = self._engines.get(agency_id)
        if engine is None:
            agency = self._agencies.get(agency_id) or Agency.objects.get(pk=agency_id)
            engine = self._engines[agency_id] = calendar_for(agency)
        return engine


PauseRow = tuple[str, dt.datetime, dt.datetime | None]


def pause_inputs(
    dossier: RawDossier, pauses: Sequence[PauseRow], engine: WorkCalendar | None, max_supplement_requests: int
) -> dict[str, Any]:
    """The judged due (closed pauses excluded by the calendar), the open pause, the excess supplement request and
    the working minutes from reception to the end of processing with the pauses taken out."""
    start = dossier.clock_start_at
    closed = [(begin, end) for _r, begin, end in pauses if end is not None and start is not None and begin >= start]
    requests = [begin for reason, begin, _e in pauses if reason in APPLICANT_SUPPLEMENT_REASONS]
    out: dict[str, Any] = {
        "judged_due": None,
        "open_pause_at": next((begin for _r, begin, end in pauses if end is None), None),
        "excess_request_at": requests[max_supplement_requests] if len(requests) > max_supplement_requests else None,
        "work_minutes": 0,
    }
    if engine is None:
        return out
    try:
        if closed and start is not None:
            out["judged_due"] = add_working_time(
                start=start, amount=dossier.limit_amount, unit=dossier.limit_unit, calendar=engine, pauses=closed
            )
        end = end_of_processing(dossier)
        if end is not None and dossier.received_at is not None:
            paused = sum(
                engine.position(min(e, end)) - engine.position(b)
                for _r, b, e in pauses
                if e is not None and b < end and b >= dossier.received_at
            )
            out["work_minutes"] = max(0, engine.position(end) - engine.position(dossier.received_at) - paused)
    except (OutOfRange, DomainError):  # a moment outside the calendar's years: count it without the calendar
        pass
    return out


Grouped = dict[int, list[tuple[Any, ...]]]


def _group(rows: Iterable[tuple[Any, ...]]) -> Grouped:
    grouped: Grouped = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


Query = tuple[str, list[Any]]


def _by_dossier(table: str, columns: str, ids: Sequence[int], where: str = "", params: Sequence[Any] = ()) -> Query:
    condition, id_params = ids_in("dossier_id", ids)
    return f"SELECT dossier_id, {columns} FROM {table} WHERE {condition}{where}", [*id_params, *params]  # noqa: S608


def part_queries(ids: Sequence[int], parts: frozenset[str]) -> dict[str, Query]:
    """The statement reading each of ``parts`` (but ``synced``) for the dossiers ``ids``."""
    queries = {
        COMPONENTS: lambda: _by_dossier(DossierComponent._meta.db_table, "file_id, reused", ids),
        RESULTS: lambda: _by_dossier(DossierFile._meta.db_table, "kind", ids, " AND kind = %s",
                                     [DossierFile.KIND_RESULT]),
        PAYMENTS: lambda: _by_dossier(Payment._meta.db_table, "gateway", ids, " AND status = %s AND method = %s",
                                      [PaymentStatus.PAID.value, PaymentMethod.ONLINE.value]),
        PAUSES: lambda: _by_dossier(Pause._meta.db_table, "reason, started_at, ended_at", ids,
                                    " ORDER BY dossier_id, started_at, id"),
        RATINGS: lambda: _by_dossier(Rating._meta.db_table, "satisfied", ids, " AND is_current = %s", [True]),
    }  # fmt: skip
    return {part: make() for part, make in queries.items() if part in parts}


def synced_dossier_ids(dossiers: Sequence[RawDossier]) -> set[int]:
    """Dossiers among these whose status, once received, was delivered to the national portal."""
    by_code = {d.code: d.pk for d in dossiers if d.code}
    if not by_code:
        return set()
    sent = OutboxMessage.objects.filter(topic=SYNCED_TOPIC, status=OutboxStatus.SENT, key__in=list(by_code))
    return {by_code[key] for key, received in sent.values_list("key", "payload__NgayTiepNhan") if received}


def load_inputs(
    dossiers: Sequence[RawDossier],
    *,
    parts: frozenset[str],
    base: Mapping[int, Inputs] | None = None,
    calendars: Calendars | None = None,
    max_supplement_requests: Mapping[int, int] | None = None,
    synced_ids: set[int] | None = None,
    fetched: Mapping[str, list[tuple[Any, ...]]] | None = None,
) -> dict[int, Inputs]:
    """The inputs of ``dossiers``: the ``parts`` read from the tables (or given, as ``fetched`` rows of
    :func:`part_queries`), the rest kept from ``base``."""
    ids = [d.pk for d in dossiers]
    if fetched is None:
        queries = part_queries(ids, parts)
        fetched = dict(zip(queries, fetch_many(list(queries.values())), strict=True))
    rows = {part: _group(found) for part, found in fetched.items()}
    known = base or {}
    result: dict[int, dict[str, Any]] = {
        pk: {name: getattr(known[pk], name) for name in INPUT_FIELDS} if pk in known else {} for pk in ids
    }
    if COMPONENTS in parts:
        for pk in ids:
            own = rows[COMPONENTS].get(pk, [])
            result[pk].update(components_digitised=all(f is not None for f, _r in own), reused=any(r for _f, r in own))
    if RESULTS in parts:
        for pk in ids:
            result[pk].update(result_file=pk in rows[RESULTS])
    if PAYMENTS in parts:
        for pk in ids:
            gateways = {g for (g,) in rows[PAYMENTS].get(pk, [])}
            result[pk].update(paid_online=bool(gateways), paid_national=1 in gateways)
    if PAUSES in parts:
        calendars = calendars or Calendars()
        limits = max_supplement_requests or {}
        for d in dossiers:
            pauses = [(reason, aware(begin), aware(end)) for reason, begin, end in rows[PAUSES].get(d.pk, [])]
            needs_calendar = end_of_processing(d) is not None or any(p[2] is not None for p in pauses)
            engine = calendars.for_agency(d.receiving_agency_id) if needs_calendar and d.received_at else None
            result[d.pk].update(**pause_inputs(d, pauses, engine, limits.get(d.pk, 1)))
    if RATINGS in parts:
        for pk in ids:
            rating = rows[RATINGS].get(pk)
            result[pk].update(rated=rating is not None, satisfied=bool(rating and rating[0][0]))
    if SYNCED in parts:
        synced = synced_ids if synced_ids is not None else synced_dossier_ids(dossiers)
        for pk in ids:
            result[pk].update(synced=pk in synced)
    return {pk: Inputs(**values) for pk, values in result.items()}
