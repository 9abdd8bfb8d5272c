"""Petition counts for the satisfaction group, from a feedback app once there is one.

There is no petitions app yet, so no source is registered and the two petition indicators give their full points
with the status ``no_petitions`` ("no petitions → full points", RULES §10). A future feedback app registers a
function returning :class:`PetitionCounts` for a scope and period; with zero petitions the points stay full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from motcua.metrics.scope import Scope


@dataclass(frozen=True)
class PetitionCounts:
    petitions: int  # petitions received or handled in the period
    on_time: int  # handled within every deadline (reject 2, supplement 5, resolve 15, publish 2 working days)
    disliked: int  # the petitioner said they were not satisfied
    reopened: int
    overdue: int


Source = Callable[[Scope, dt.date, dt.date], PetitionCounts]
_source: Source | None = None


def register_source(source: Source | None) -> None:
    global _source
    _source = source


def petition_counts(scope: Scope, start: dt.date, end: dt.date) -> PetitionCounts | None:
    """The counts from the registered source, or None while there is no feedback app."""
    return _source(scope, start, end) if _source is not None else None
