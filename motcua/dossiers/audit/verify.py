"""Checking every dossier's chain (``motcua audit verify``): the first broken link of each dossier, named.

The events are streamed in (dossier, seq) order with a server-side cursor, one dossier's events at a time in
memory, and every hash is computed again. What a break says:

- ``edited``: an event's content (or its number, or its link) no longer gives its stored hash;
- ``reordered``: an event's content gives the stored hash of another position (numbers or contents swapped);
- ``missing``: a number is skipped (an event was deleted);
- ``link``: an event's ``prev_hash`` is not the hash of the event before it (the chain was cut and re-joined);
- ``duplicate``: two events share a number (the unique constraint was removed);
- ``truncated``: the last event does not lead to the dossier's current state (events were deleted at the end);
- ``no_history``: the dossier has no event at all.

What it cannot see: someone able to rewrite the rows (the tables' owner) who recomputes every later hash of a dossier
leaves a consistent chain. Against that, keep the printed ``heads`` digest of a run somewhere the database's owner
cannot write (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from motcua.core.sqlvendor import utc_text_sql
from motcua.dossiers.audit.hashing import GENESIS, content_hash, utc_text
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.orgs.models import Agency

CHUNK = 10_000
KINDS = ("edited", "reordered", "missing", "link", "duplicate", "truncated", "no_history")


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    seq: int
    at: str
    actor_id: int | None
    action: str
    from_state: str
    to_state: str
    reason: str
    payload: Any
    prev_hash: str
    hash: str

    def computed(self, dossier_id: int, *, seq: int | None = None, prev_hash: str | None = None) -> str:
        return content_hash(
            dossier_id=dossier_id, seq=self.seq if seq is None else seq, at=self.at, actor_id=self.actor_id,
            action=self.action, from_state=self.from_state, to_state=self.to_state, reason=self.reason,
            payload=self.payload, prev_hash=self.prev_hash if prev_hash is None else prev_hash,
        )  # fmt: skip


@dataclass(frozen=True)
class Break:
    """The first broken link of one dossier."""

    dossier_id: int
    dossier: str
    kind: str
    seq: int | None
    event_id: int | None
    detail: str

    def __str__(self) -> str:
        where = f"event #{self.seq} (id {self.event_id})" if self.event_id is not None else "its history"
        return f"dossier {self.dossier} (id {self.dossier_id}): {where}: {self.kind} — {self.detail}"


@dataclass
class Report:
    dossiers: int = 0
    events: int = 0
    seconds: float = 0.0
    breaks: list[Break] = field(default_factory=list)
    #: SHA-256 over every dossier's (id, last seq, last hash) in order: keep it to detect a rewrite later.
    heads: str = ""

    @property
    def ok(self) -> bool:
        return not self.breaks


def _moment(value: Any) -> str:
    if isinstance(value, str):
        if value.endswith("Z"):  # PostgreSQL: already as hashed (to_char, see _statement)
            return value
        value = dt.datetime.fromisoformat(value)  # SQLite: naive UTC text
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return utc_text(value)


def _payload(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def check(dossier_id: int, name: str, state: str, events: list[Event]) -> Break | None:
    """The first broken link of one dossier's events (in seq order), or None."""

    def broken(kind: str, event: Event | None, detail: str) -> Break:
        return Break(dossier_id, name, kind, event.seq if event else None, event.id if event else None, detail)

    if not events:
        return broken("no_history", None, "the dossier has no event")
    prev = GENESIS
    for position, event in enumerate(events, start=1):
        if event.seq < position:
            return broken("duplicate", event, f"number {event.seq} is used twice")
        if event.seq > position:
            return broken("missing", event, f"event #{position} is missing (the next one is #{event.seq})")
        if event.computed(dossier_id) != event.hash:
            moved = _moved_from(dossier_id, event, events)
            if moved is not None:
                return broken("reordered", event, f"its content was recorded as event #{moved}")
            return broken("edited", event, "its content does not match its stored hash")
        if event.prev_hash != prev:
            return broken("link", event, f"it does not follow event #{position - 1} (previous hash mismatch)")
        prev = event.hash
    last = events[-1]
    if last.to_state != state:
        return broken(
            "truncated", last, f"the last event leads to “{last.to_state}”, the dossier is “{state}”: events missing"
        )
    return None


def _moved_from(dossier_id: int, event: Event, events: list[Event]) -> int | None:
    """The position whose stored links and hash ``event``'s content matches (its content was moved), if any."""
    for other in events:
        if other is event:
            continue
        if event.computed(dossier_id, seq=other.seq, prev_hash=other.prev_hash) == other.hash:
            return other.seq
        if event.computed(dossier_id, seq=other.seq) == event.hash:  # its number was swapped with other's
            return other.seq
    return None


def _statement(agency: Agency | None) -> tuple[str, list[Any]]:
    dossiers, events, agencies = Dossier._meta.db_table, DossierEvent._meta.db_table, Agency._meta.db_table
    where, params = "", []
    if agency is not None:
        subtree = f"SELECT id FROM {agencies} WHERE path LIKE %s"  # noqa: S608
        where = f"WHERE d.receiving_agency_id IN ({subtree}) OR d.handling_agency_id IN ({subtree})"
        params = [agency.path + "%", agency.path + "%"]
    # PostgreSQL writes the moment as it is hashed (UTC, microseconds): no datetime made and formatted per event
    at = utc_text_sql("e.at")
    sql = f"""
        SELECT d.id, COALESCE(d.code, d.reference), d.state, e.id, e.seq, {at}, e.actor_id, e.action, e.from_state,
               e.to_state, e.reason, e.payload, e.prev_hash, e.hash
          FROM {dossiers} d LEFT JOIN {events} e ON e.dossier_id = d.id
          {where}
         ORDER BY d.id, e.seq
    """  # noqa: S608
    return sql, params


def _rows(agency: Agency | None, chunk: int) -> Iterator[tuple[Any, ...]]:
    sql, params = _statement(agency)
    with connection.chunked_cursor() as cursor:  # server-side on PostgreSQL
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


def _dossiers(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, str, str, list[Event]]]:
    current: tuple[int, str, str] | None = None
    events: list[Event] = []
    for dossier_id, name, state, event_id, seq, at, actor_id, action, from_, to, reason, payload, prev, digest in rows:
        if current is None or dossier_id != current[0]:
            if current is not None:
                yield (*current, events)
            current, events = (dossier_id, name, state), []
        if event_id is not None:
            events.append(
                Event(event_id, seq, _moment(at), actor_id, action, from_, to, reason, _payload(payload), prev, digest)
            )
    if current is not None:
        yield (*current, events)


def verify(
    *, agency: Agency | None = None, chunk: int = CHUNK, on_break: Callable[[Break], None] | None = None
) -> Report:
    """Check the chains of every dossier (or those received by or handled in ``agency``'s subtree)."""
    began = time.perf_counter()
    report = Report()
    heads = hashlib.sha256()
    with transaction.atomic():  # one snapshot; on PostgreSQL the cursor streams only inside a transaction
        for dossier_id, name, state, events in _dossiers(_rows(agency, chunk)):
            report.dossiers += 1
            report.events += len(events)
            found = check(dossier_id, name, state, events)
            if found is not None:
                report.breaks.append(found)
                if on_break is not None:
                    on_break(found)
            if events:
                heads.update(f"{dossier_id}:{events[-1].seq}:{events[-1].hash}\n".encode())
    report.heads = heads.hexdigest()
    report.seconds = time.perf_counter() - began
    return report
