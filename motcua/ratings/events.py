"""The hook point of rating changes: its subscribers are called inside the transaction that writes the rating (the
index counts them); connected in :mod:`motcua.wiring.connect`.

Same contract as :mod:`motcua.dossiers.events`: a subscriber must be fast and may only write rows of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from motcua.core.hooks import Hook
from motcua.ratings.models import Rating

Subscriber = Callable[[int, Rating | None], None]

#: Called by :func:`publish` with the dossier's id and its current rating, in the writing transaction.
rating_changed: Hook[Subscriber] = Hook("ratings.rating_changed")


def publish(dossier_id: int, current: Rating | None) -> None:
    """The dossier's current rating changed to ``current``."""
    for subscriber in rating_changed:
        subscriber(dossier_id, current)
