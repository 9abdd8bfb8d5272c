"""Versioned configuration of the index: every weight, threshold, deadline, band and the display rule.

Each value is a row of :class:`~motcua.metrics.models.Parameter` (key, valid from, value), editable in the admin and
seeded with the defaults of :mod:`motcua.metrics.parameters` (RULES §9–§10) by a data migration. The value in force
on a day is the row of that key with the latest ``valid_from`` on or before it; a key without any row falls back to
its default.

Scores use the configuration in force on the period's last day. The one parameter that decides how a dossier is
*counted* (``progress.max_supplement_requests``) is taken on the dossier's reception day, as every rule a dossier
was received under (STYLE §6); changing a row already in force therefore needs ``motcua metrics rebuild``.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from fractions import Fraction
from typing import Any

from motcua.metrics.models import Parameter
from motcua.metrics.parameters import BY_KEY


class Config:
    """The parameters in force on one day: ``config.number("…")`` as an exact fraction, ``config.value("…")`` raw."""

    def __init__(self, day: dt.date, values: dict[str, Any]) -> None:
        self.day = day
        self._values = values

    def value(self, key: str) -> Any:
        if key in self._values:
            return self._values[key]
        return BY_KEY[key].default

    def number(self, key: str) -> Fraction:
        return Fraction(Decimal(str(self.value(key))))

    def integer(self, key: str) -> int:
        return int(self.value(key))


_rows: tuple[float, list[tuple[str, dt.date, Any]]] | None = None
_by_day: dict[dt.date, Config] = {}
#: How long a process keeps the parameter rows; an admin change is used by every process within it.
CACHE_SECONDS = 30.0


def config_on(day: dt.date) -> Config:
    """The configuration in force on ``day`` (the rows are read at most every :data:`CACHE_SECONDS`)."""
    global _rows
    now = time.monotonic()
    if _rows is None or now - _rows[0] >= CACHE_SECONDS:
        rows = list(Parameter.objects.order_by("key", "valid_from").values_list("key", "valid_from", "value"))
        _rows = (now, rows)
        _by_day.clear()
    config = _by_day.get(day)
    if config is None:
        # ordered by valid_from: the latest row of each key on or before the day wins
        config = _by_day[day] = Config(day, {key: value for key, since, value in _rows[1] if since <= day})
    return config


def clear_cache() -> None:
    global _rows
    _rows = None
    _by_day.clear()
