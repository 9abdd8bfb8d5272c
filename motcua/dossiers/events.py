"""The hook point of dossier events: its subscribers are called inside the transaction that writes the events.

Downstream apps (the 766 index) are connected in :mod:`motcua.wiring.connect`; a subscriber receives each new batch
of :class:`DossierEvent` with its dossier and may write rows of its own in the same transaction — so an aggregate
can never disagree with the history. A subscriber must be fast and must not write to the dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from motcua.core.hooks import Hook
from motcua.dossiers.models import Dossier, DossierEvent

Subscriber = Callable[[Dossier, list[DossierEvent]], None]

#: Called by :func:`publish` with each batch of events, in the writing transaction.
events_written: Hook[Subscriber] = Hook("dossiers.events_written")


def publish(dossier: Dossier, events: Iterable[DossierEvent]) -> None:
    batch = list(events)
    for subscriber in events_written:
        subscriber(dossier, batch)
