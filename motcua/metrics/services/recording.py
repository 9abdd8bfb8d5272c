"""Keeping each dossier's facts and the journal of deltas up to date, inside the transaction of every change.

Entry points: :func:`on_dossier_events` (every dossier event, subscribed in the app config), :func:`on_rating` (a
rating given or replaced), :func:`on_portal_delivered` (a status message reached the national portal) and
:func:`resync_open_dossiers` (after a working-calendar change moved due moments without an event). Each reads the
dossier's current fact row, derives the new facts, inserts ``new − old`` into the journal and saves the row — the
row is touched only under the dossier's own lock, so concurrent dossiers never wait for each other here. A journal
write always comes with the fact row's in the same transaction: ``metrics rebuild`` relies on it to hold writers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import F

from motcua.core.sqlvendor import for_update_sql, is_postgresql
from motcua.dossiers.models import Dossier
from motcua.dossiers.timing import clock_runs_q
from motcua.metrics.config import config_on
from motcua.metrics.facts import FACT_FIELDS, Facts, Row, delta_rows, derive, local_day
from motcua.metrics.models import Delta, DossierFact
from motcua.metrics.rawsql import aware, execute, fetch, fetch_many, param
from motcua.metrics.services.compaction import compact_after_commit
from motcua.metrics.sources import (
    ALL_PARTS,
    COMPONENTS,
    NEUTRAL_ACTIONS,
    PARTS_BY_ACTION,
    PAUSES,
    PAYMENTS,
    SYNCED_TOPIC,
    Calendars,
    load_inputs,
    part_queries,
)


def max_supplement_requests(received_at: dt.datetime | None) -> int:
    """The allowed supplement requests for a dossier received at ``received_at`` (the parameter of that day)."""
    if received_at is None:
        return 1
    return config_on(local_day(received_at)).integer("progress.max_supplement_requests")


_TABLE = DossierFact._meta.db_table
_MOMENTS = frozenset({"due_at", "judged_due", "open_pause_at", "excess_request_at"})
_SELECT = f"SELECT {', '.join(FACT_FIELDS)} FROM {_TABLE} WHERE dossier_id = %s"  # noqa: S608
_INSERT = f"INSERT INTO {_TABLE} ({', '.join(FACT_FIELDS)}) VALUES ({', '.join(['%s'] * len(FACT_FIELDS))})"  # noqa: S608
_OTHERS = tuple(name for name in FACT_FIELDS if name != "dossier_id")


def _facts(rows: list[tuple[Any, ...]]) -> Facts | None:
    if not rows:
        return None
    return Facts(
        **{name: aware(value) if name in _MOMENTS else value for name, value in zip(FACT_FIELDS, rows[0], strict=True)}
    )


def read_facts(dossier_id: int) -> Facts | None:
    """The stored facts of a dossier (plain SQL: this runs in every dossier transaction)."""
    return _facts(fetch(_SELECT, [dossier_id]))


def _deltas_sql(count: int) -> str:
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * count)
    return (
        f"INSERT INTO {Delta._meta.db_table} (agency_id, field_id, procedure_id, day, measure, delta) VALUES {values}"  # noqa: S608
    )


def insert_deltas(rows: Sequence[Row]) -> None:
    if not rows:
        return
    execute(_deltas_sql(len(rows)), [value for row in rows for value in row])
    compact_after_commit()


def store(old: Facts | None, new: Facts) -> None:
    """Write the journal rows of the change and the new fact row (one statement on PostgreSQL)."""
    if old == new:
        return
    rows = delta_rows(old, new)
    if old is None:
        write, values = _INSERT, [param(getattr(new, name)) for name in FACT_FIELDS]
    else:  # only the columns that changed (usually two or three)
        changed = [name for name in _OTHERS if getattr(old, name) != getattr(new, name)]
        write = f"UPDATE {_TABLE} SET {', '.join(f'{n} = %s' for n in changed)} WHERE dossier_id = %s"  # noqa: S608
        values = [*(param(getattr(new, name)) for name in changed), new.dossier_id]
    if rows and is_postgresql():
        execute(f"WITH journal AS ({_deltas_sql(len(rows))}) {write}", [*(v for row in rows for v in row), *values])
        compact_after_commit()
        return
    insert_deltas(rows)
    execute(write, values)


def _parts(actions: set[str], first_time: bool) -> frozenset[str]:
    if not first_time:
        return frozenset().union(*(PARTS_BY_ACTION.get(a, frozenset()) for a in actions))
    if "create" in actions:  # received in the same transaction it was created in: only its components exist
        return frozenset({COMPONENTS})
    if "receive" in actions:  # an online dossier received now: no pause, result, rating or delivery yet
        return frozenset({COMPONENTS, PAYMENTS})
    return ALL_PARTS


def recount(
    dossier: Any, *, old: Facts | None, parts: frozenset[str], fetched: dict[str, list[tuple[Any, ...]]] | None = None
) -> Facts:
    """The facts of ``dossier`` with the ``parts`` of its inputs read again (or given as ``fetched`` rows) and the
    rest kept from ``old``."""
    limit = max_supplement_requests(dossier.received_at)
    agency = dossier.receiving_agency if PAUSES in parts else None
    inputs = load_inputs(
        [dossier],
        parts=parts,
        base={dossier.pk: old.inputs} if old is not None else None,
        calendars=Calendars({agency.pk: agency} if agency is not None else None),
        max_supplement_requests={dossier.pk: limit},
        fetched=fetched,
    )[dossier.pk]
    return derive(dossier, inputs, max_supplement_requests=limit)


def on_dossier_events(dossier: Any, events: Iterable[Any]) -> None:
    """Subscriber of :mod:`motcua.dossiers.events` (the dossier row is locked by the caller)."""
    actions = {event.action for event in events}
    if actions <= NEUTRAL_ACTIONS:
        return
    if "create" not in actions:
        # the stored facts and the inputs the events may have changed, read in one round trip
        parts = _parts(actions, first_time=False)
        queries = part_queries([dossier.pk], parts)
        found = fetch_many([(_SELECT, [dossier.pk]), *queries.values()])
        old = _facts(found[0])
        if old is not None:
            store(old, recount(dossier, old=old, parts=parts, fetched=dict(zip(queries, found[1:], strict=True))))
            return
    if dossier.received_at is None:
        return  # drafts and dossiers waiting for reception count nowhere yet
    store(None, recount(dossier, old=None, parts=_parts(actions, first_time=True)))


def _dossier(dossier_id: int) -> Any:
    return Dossier.objects.select_related("procedure_version", "receiving_agency").filter(pk=dossier_id).first()


def _change_inputs(dossier_id: int, **changes: Any) -> None:
    """Store the facts of a dossier with some inputs changed; a dossier without facts yet is counted in full."""
    old = read_facts(dossier_id)
    if old is not None:
        store(old, replace(old, **changes))
        return
    dossier = _dossier(dossier_id)
    if dossier is not None and dossier.received_at is not None:
        store(None, recount(dossier, old=None, parts=ALL_PARTS))


def on_rating(dossier_id: int, rating: Any) -> None:
    """Subscriber of :mod:`motcua.ratings.events`: the dossier's current rating changed (the rating service holds
    the dossier row)."""
    _change_inputs(dossier_id, rated=rating is not None, satisfied=bool(rating is not None and rating.satisfied))


def _lock_dossier(*, pk: int | None = None, code: str | None = None) -> int | None:
    """Lock a dossier row (the order every dossier transaction takes) and return its id."""
    column, value = ("id", pk) if pk is not None else ("code", code)
    rows = fetch(f"SELECT id FROM {Dossier._meta.db_table} WHERE {column} = %s{for_update_sql()}", [value])  # noqa: S608
    return rows[0][0] if rows else None


def on_portal_delivered(message: Any) -> None:
    """A dossier status message reached the national portal: the dossier counts as synced once received."""
    if message.topic != SYNCED_TOPIC or not message.payload.get("NgayTiepNhan"):
        return
    dossier_id = _lock_dossier(code=message.key)
    if dossier_id is not None:
        _change_inputs(dossier_id, synced=True)


def resync_open_dossiers() -> int:
    """Recount the open dossiers whose due moment no longer matches their facts (a calendar change moves due
    moments without a dossier event). Returns how many were recounted."""
    changed = 0
    candidates = (
        Dossier.objects.filter(clock_runs_q(), metrics_fact__isnull=False)
        .exclude(due_at=F("metrics_fact__due_at"))
        .values_list("pk", flat=True)
    )
    for dossier_id in list(candidates):
        if _lock_dossier(pk=dossier_id) is None:
            continue
        dossier, old = _dossier(dossier_id), read_facts(dossier_id)
        new = recount(dossier, old=old, parts=frozenset({PAUSES}))
        if new != old:
            store(old, new)
            changed += 1
    return changed


class CalendarResync:
    """A deadline provider of the working calendar that computes nothing: after the dossiers' provider has moved
    due moments (it runs first), its ``apply`` recounts the open dossiers whose facts no longer match."""

    def deadlines(self, calendar_ids: frozenset[int]) -> list[Any]:
        return []

    def apply(self, dues: Any) -> None:
        with transaction.atomic():
            resync_open_dossiers()
