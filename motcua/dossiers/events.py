"""Subscribers to dossier events, called inside the transaction that writes the event.

Downstream apps (the 766 index, ratings) register a function at start-up; it receives each new
:class:`DossierEvent` with its dossier and may write rows of its own in the same transaction — so an aggregate
can never disagree with the history. A subscriber must be fast and must not write to the dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from motcua.dossiers.models import Dossier, DossierEvent

Subscriber = Callable[[Dossier, list[DossierEvent]], None]
_subscribers: dict[str, Subscriber] = {}


def subscribe(name: str, subscriber: Subscriber) -> None:
    _subscribers[name] = subscriber


def unsubscribe(name: str) -> None:
    _subscribers.pop(name, None)


def publish(dossier: Dossier, events: Iterable[DossierEvent]) -> None:
    batch = list(events)
    for subscriber in list(_subscribers.values()):
        subscriber(dossier, batch)
