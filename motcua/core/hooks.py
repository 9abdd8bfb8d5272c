"""Typed hook points: where one app lets others plug in without importing them.

An app that produces something others react to (the dossiers' events, a rating, a calendar change, an outbox
message) declares a :class:`Hook` typed with its own subscriber type, next to the code that calls it::

    events_written: Hook[Subscriber] = Hook("dossiers.events_written")

and calls its subscribers in order (``for subscriber in events_written: subscriber(dossier, batch)``). Nobody
connects in an ``AppConfig.ready()`` of their own: every connection between apps is made in one place,
:mod:`motcua.wiring.connect`, in a stated order, so a reader sees the whole wiring in one file.

Subscribers have names. Connecting a name twice is an error (no silent replacement); a test or a bench that needs
another subscriber for a while uses :meth:`Hook.connected` or :meth:`Hook.replaced`, which put things back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar

F = TypeVar("F")


class HookPoint(Protocol):
    """What every hook shows whatever its subscriber type: its name and what is connected (the wiring's inventory)."""

    @property
    def name(self) -> str: ...

    def names(self) -> list[str]: ...


class HookError(RuntimeError):
    """A wiring mistake: a name connected twice, a second subscriber to a hook that takes one, an unknown name."""


class Hook(Generic[F]):
    """An ordered list of named subscribers of type ``F``; ``single`` hooks take at most one."""

    def __init__(self, name: str, *, single: bool = False) -> None:
        self.name = name
        self.single = single
        self._subscribers: dict[str, F] = {}  # insertion order is the calling order

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {', '.join(self._subscribers) or 'nothing connected'}>"

    def connect(self, name: str, subscriber: F) -> None:
        """Add ``subscriber`` after those already connected."""
        if name in self._subscribers:
            raise HookError(f"{self.name}: {name!r} is already connected")
        if self.single and self._subscribers:
            raise HookError(f"{self.name} takes one subscriber; {next(iter(self._subscribers))!r} is connected")
        self._subscribers[name] = subscriber

    def disconnect(self, name: str) -> None:
        if self._subscribers.pop(name, None) is None:
            raise HookError(f"{self.name}: {name!r} is not connected")

    def names(self) -> list[str]:
        """The connected names, in calling order (what the wiring test reads)."""
        return list(self._subscribers)

    def items(self) -> list[tuple[str, F]]:
        """(name, subscriber) in calling order, for a caller that reports per subscriber."""
        return list(self._subscribers.items())

    def get(self, name: str) -> F | None:
        return self._subscribers.get(name)

    def one(self) -> F | None:
        """The subscriber of a ``single`` hook, or None when nothing is connected."""
        return next(iter(self._subscribers.values()), None)

    def __iter__(self) -> Iterator[F]:
        """The subscribers in order; a copy, so a subscriber may disconnect while being called."""
        return iter(list(self._subscribers.values()))

    def __len__(self) -> int:
        return len(self._subscribers)

    @contextmanager
    def connected(self, name: str, subscriber: F) -> Iterator[F]:
        """Connect ``subscriber`` for the duration of a ``with`` block (tests)."""
        self.connect(name, subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers.pop(name, None)

    @contextmanager
    def replaced(self, name: str, subscriber: F) -> Iterator[F]:
        """Put ``subscriber`` in place of the one connected as ``name``, at the same position, for a ``with`` block
        (a bench timing a subscriber, a test standing in for a remote service)."""
        if name not in self._subscribers:
            raise HookError(f"{self.name}: {name!r} is not connected")
        before = self._subscribers[name]
        self._subscribers[name] = subscriber
        try:
            yield subscriber
        finally:
            self._subscribers[name] = before
