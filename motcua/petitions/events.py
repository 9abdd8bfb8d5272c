"""The hook point of petition events: its subscribers are called inside the transaction that writes the events.

The sender's notices (:mod:`motcua.petitions.notices`), the Zalo conversation's replies and anything else that
reacts to a petition's change are connected in :mod:`motcua.wiring.connect`. A subscriber receives the petition as
saved and the new :class:`PetitionEvent` rows; it may write rows of its own (outbox messages) in the same transaction
and must not write to the petition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from motcua.core.hooks import Hook
from motcua.petitions.models import Petition, PetitionEvent

Subscriber = Callable[[Petition, list[PetitionEvent]], None]

#: Called by :func:`publish` with each batch of events, in the writing transaction.
events_written: Hook[Subscriber] = Hook("petitions.events_written")


def publish(petition: Petition, events: Iterable[PetitionEvent]) -> None:
    batch = list(events)
    for subscriber in events_written:
        subscriber(petition, batch)
