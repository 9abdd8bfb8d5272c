"""The only place that reads the time. Tests move it with :func:`frozen`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_source: Callable[[], dt.datetime] = timezone.now


def now() -> dt.datetime:
    """The current moment, aware (UTC internally)."""
    return _source()


def local_now() -> dt.datetime:
    """The current moment in Vietnam time."""
    return now().astimezone(VN_TZ)


def today() -> dt.date:
    """Today's date in Vietnam."""
    return local_now().date()


@contextmanager
def frozen(moment: dt.datetime) -> Iterator[None]:
    """Make :func:`now` return ``moment`` (which must be aware) inside the block."""
    global _source
    if timezone.is_naive(moment):
        raise ValueError("frozen() needs an aware datetime")
    previous = _source
    _source = lambda: moment  # noqa: E731
    try:
        yield
    finally:
        _source = previous
