"""The hash chain of a dossier's history: each event carries the hash of the one before it and of its own content.

An event's hash is SHA-256 over the canonical JSON of ``[1, dossier id, seq, at, actor id, action, from state,
to state, reason, payload, previous hash]`` (version 1 of the scheme: never change it; a new scheme gets a new
leading number):

- ``at`` in UTC with microseconds (``2026-03-02T02:00:00.000000Z``); the actor id is ``null`` for none;
- JSON with sorted keys, no spaces, UTF-8 (no ``\\u`` escapes for non-ASCII). The payload is hashed as the database
  gives it back (a JSON round trip: tuples become lists, keys become strings) and a float the database turns into
  an integer (``1e+20`` in PostgreSQL's ``jsonb``) is hashed as that integer, so both databases agree;
- the first event of a dossier (``seq`` 1) has the previous hash :data:`GENESIS` (64 zeros).

:func:`chain` fills ``seq``, ``prev_hash`` and ``hash`` of new events; every path that writes events calls it (the
dossier services through :func:`record`, the counter-intake fast path with ``head=None`` for a new dossier). The
previous head is read under the dossier's row lock, which every writer holds; the unique (dossier, seq) constraint
turns an append that raced past the lock into an error instead of a fork.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from motcua.dossiers.models import DossierEvent

SCHEME = 1
GENESIS = "0" * 64


@dataclass(frozen=True)
class Head:
    """The last event of a dossier's chain."""

    seq: int
    hash: str


def utc_text(at: dt.datetime) -> str:
    """``at`` in UTC with microseconds, as hashed."""
    if at.tzinfo is None:
        raise ValueError("event moments are aware datetimes")
    utc = at.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond:06d}Z"


def _as_stored(value: Any) -> Any:
    """``value`` as a JSON column gives it back: integral floats beyond 2**53 become integers, -0.0 becomes 0.0."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1e16:
            return int(Decimal(repr(value)))  # the digits written, not the binary value
        return value + 0.0
    if isinstance(value, dict):
        return {key: _as_stored(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_stored(item) for item in value]
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_payload(payload: Any) -> Any:
    """The payload as read back from the database (a JSON round trip), ready to hash."""
    return json.loads(json.dumps(payload)) if payload is not None else {}


def content_hash(
    *,
    dossier_id: int,
    seq: int,
    at: dt.datetime | str,
    actor_id: int | None,
    action: str,
    from_state: str,
    to_state: str,
    reason: str,
    payload: Any,
    prev_hash: str,
) -> str:
    """The hex SHA-256 of one event (``at`` an aware datetime or already :func:`utc_text`; ``payload`` as stored)."""
    moment = at if isinstance(at, str) else utc_text(at)
    record = [SCHEME, dossier_id, seq, moment, actor_id, action, from_state, to_state, reason, payload, prev_hash]
    text = _dumps(record)
    if "e+" in text or "-0.0" in text:  # rare: normalise the floats a JSON column would change
        record[9] = _as_stored(payload)
        text = _dumps(record)
    return hashlib.sha256(text.encode()).hexdigest()


def event_hash(event: DossierEvent) -> str:
    """The hash of ``event``'s content and links as they stand."""
    return content_hash(
        dossier_id=event.dossier_id, seq=event.seq, at=event.at, actor_id=event.actor_id, action=event.action,
        from_state=event.from_state, to_state=event.to_state, reason=event.reason,
        payload=canonical_payload(event.payload), prev_hash=event.prev_hash,
    )  # fmt: skip


def chain(events: Sequence[DossierEvent], head: Head | None) -> None:
    """Give ``events`` (new, of one dossier, in order) their ``seq``, ``prev_hash`` and ``hash`` after ``head``
    (``None``: the dossier has no event yet)."""
    seq, prev = (head.seq, head.hash) if head is not None else (0, GENESIS)
    for event in events:
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = prev = event_hash(event)


def head(dossier_id: int) -> Head | None:
    """The last event of the dossier's chain (read it under the dossier's row lock)."""
    row = DossierEvent.objects.filter(dossier_id=dossier_id).order_by("-seq").values_list("seq", "hash").first()
    return Head(*row) if row is not None else None


def record(dossier_id: int, events: Sequence[DossierEvent]) -> None:
    """Chain ``events`` after the dossier's head and insert them (they get their ids). The caller holds the
    dossier's row lock, in its transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier events are recorded inside the transaction that holds the dossier's lock")
    chain(events, head(dossier_id))
    DossierEvent.objects.bulk_create(events)
