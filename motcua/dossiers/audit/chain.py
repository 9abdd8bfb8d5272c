"""The hash chain of a dossier's history: each event carries the hash of the one before it and of its own content
(the hash itself: ``hashing``).

:func:`chain` fills ``seq``, ``prev_hash`` and ``hash`` of new events; every path that writes events calls it (the
dossier services through :func:`record`, the counter-intake fast path with ``head=None`` for a new dossier). The
previous head is read under the dossier's row lock, which every writer holds; the unique (dossier, seq) constraint
turns an append that raced past the lock into an error instead of a fork.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from motcua.dossiers.audit.hashing import GENESIS, SCHEME, canonical_payload, content_hash, utc_text
from motcua.dossiers.models import DossierEvent

__all__ = ["GENESIS", "SCHEME", "Head", "canonical_payload", "chain", "content_hash", "event_hash", "head", "record",
           "utc_text"]  # fmt: skip


@dataclass(frozen=True)
class Head:
    """The last event of a dossier's chain."""

    seq: int
    hash: str


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
