"""Read-through caching of computed figures (Django's cache: the database table, or Redis where configured)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")


def cached(key: str, compute: Callable[[], T], seconds: int) -> T:
    """The value kept under ``key``, or ``compute()`` kept there for ``seconds`` (0: computed every time)."""
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
