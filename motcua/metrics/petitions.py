"""Petition counts for the satisfaction group, from a feedback app once there is one.

There is no petitions app yet, so no source is connected and the two petition indicators give their full points
with the status ``no_petitions`` ("no petitions → full points", RULES §10). A future feedback app provides a
function returning :class:`PetitionCounts` for a scope and period, connected to :data:`petition_source` in
:mod:`motcua.wiring.connect`; with zero petitions the points stay full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from motcua.core.hooks import Hook
from motcua.metrics.scope import Scope


@dataclass(frozen=True)
class PetitionCounts:
    petitions: int  # petitions received or handled in the period
    on_time: int  # handled within every deadline (reject 2, supplement 5, resolve 15, publish 2 working days)
    disliked: int  # the petitioner said they were not satisfied
    reopened: int
    overdue: int


Source = Callable[[Scope, dt.date, dt.date], PetitionCounts]

#: At most one source of petition counts (none yet).
petition_source: Hook[Source] = Hook("metrics.petition_source", single=True)


def petition_counts(scope: Scope, start: dt.date, end: dt.date) -> PetitionCounts | None:
    """The counts from the connected source, or None while there is no feedback app."""
    source = petition_source.one()
    return source(scope, start, end) if source is not None else None
