"""Subscribers to rating changes, called inside the transaction that writes the rating (the index counts them).

Same contract as :mod:`motcua.dossiers.events`: a subscriber must be fast and may only write rows of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from motcua.ratings.models import Rating

Subscriber = Callable[[int, Rating | None], None]
_subscribers: dict[str, Subscriber] = {}


def subscribe(name: str, subscriber: Subscriber) -> None:
    _subscribers[name] = subscriber


def unsubscribe(name: str) -> None:
    _subscribers.pop(name, None)


def publish(dossier_id: int, current: Rating | None) -> None:
    """The dossier's current rating changed to ``current``."""
    for subscriber in list(_subscribers.values()):
        subscriber(dossier_id, current)
