"""Write to the outbox inside the caller's transaction; drain it after commit.

Handlers are registered per topic: ``register_handler("notify.email", fn)``. A handler raises
:class:`Hold` when the destination is not configured (the message stays, marked held, and is sent once a
destination exists and the message is re-queued) and any other exception to retry with back-off.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction

from motcua.core import clock
from motcua.integrations.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

Handler = Callable[[OutboxMessage], None]
_HANDLERS: dict[str, Handler] = {}
MAX_ATTEMPTS = 8


class Hold(Exception):  # noqa: N818 - a signal, not an error
    """The destination is not configured: keep the message without counting an attempt."""


def register_handler(topic: str, handler: Handler) -> None:
    _HANDLERS[topic] = handler


def enqueue(*, topic: str, payload: dict[str, Any], key: str = "") -> OutboxMessage:
    """Add a message in the current transaction and schedule a drain after commit."""
    message = OutboxMessage.objects.create(topic=topic, key=key[:80], payload=payload)
    _drain_after_commit()
    return message


def enqueue_many(messages: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Add several (topic, key, payload) messages in one insert, in the current transaction."""
    OutboxMessage.objects.bulk_create(message_rows(messages))
    _drain_after_commit()


def message_rows(messages: list[tuple[str, str, dict[str, Any]]]) -> list[OutboxMessage]:
    """Unsaved rows of (topic, key, payload) messages, for a caller that inserts them with its own rows and then
    calls :func:`enqueued`."""
    return [OutboxMessage(topic=topic, key=key[:80], payload=payload) for topic, key, payload in messages]


def enqueued() -> None:
    """Messages were inserted in the current transaction: drain them after it commits."""
    _drain_after_commit()


def _drain_after_commit() -> None:
    """Schedule one drain after the current transaction commits, however many messages it adds."""
    connection = transaction.get_connection()
    if not any(func is _schedule_drain for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_schedule_drain)


_last_scheduled = 0.0
#: At most one drain is sent to the broker per this many seconds per process; the periodic drain is the safety net.
SCHEDULE_EVERY_SECONDS = 1.0


def _schedule_drain() -> None:
    global _last_scheduled
    from django.conf import settings

    from motcua.integrations.tasks import outbox_drain

    now = time.monotonic()
    if not settings.CELERY_TASK_ALWAYS_EAGER and now - _last_scheduled < SCHEDULE_EVERY_SECONDS:
        return
    _last_scheduled = now
    try:
        outbox_drain.delay()
    except Exception:  # the broker is down: the periodic drain will pick the messages up
        log.warning("could not schedule the outbox drain", exc_info=True)


def drain(*, limit: int = 200) -> int:
    """Deliver due pending messages; returns how many were sent."""
    sent = 0
    now = clock.now()
    ids = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, available_at__lte=now)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OutboxStatus.PENDING)
                .first()
            )
            if message is None:
                continue
            sent += _deliver(message)
    return sent


def _deliver(message: OutboxMessage) -> int:
    handler = _HANDLERS.get(message.topic)
    try:
        if handler is None:
            raise Hold(f"no handler for {message.topic}")
        handler(message)
    except Hold as exc:
        message.status = OutboxStatus.HELD
        message.last_error = str(exc)
        message.save(update_fields=["status", "last_error"])
        return 0
    except Exception as exc:  # retried with exponential back-off
        message.attempts += 1
        message.last_error = repr(exc)[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
        message.available_at = clock.now() + dt.timedelta(minutes=2**message.attempts)
        message.save(update_fields=["attempts", "last_error", "status", "available_at"])
        log.warning("outbox message %s failed: %r", message.pk, exc)
        return 0
    message.status = OutboxStatus.SENT
    message.sent_at = clock.now()
    message.attempts += 1
    message.save(update_fields=["status", "sent_at", "attempts"])
    return 1


def requeue_held(*, topic: str) -> int:
    """Put held messages of ``topic`` back in the queue (after a destination has been configured)."""
    return OutboxMessage.objects.filter(topic=topic, status=OutboxStatus.HELD).update(
        status=OutboxStatus.PENDING, available_at=clock.now()
    )
