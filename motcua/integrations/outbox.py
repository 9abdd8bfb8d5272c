"""Write to the outbox inside the caller's transaction; drain it after commit.

Delivery (the handler of each topic, :class:`Hold`, the "delivered" hook) is in
:mod:`motcua.integrations.delivery`; :func:`drain`, :class:`Hold` and :func:`requeue_held` are also named here for
the callers that write and then drain.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.integrations.delivery import Hold, drain, requeue_held
from motcua.integrations.models import OutboxMessage
from motcua.integrations.tasks import outbox_drain

log = logging.getLogger(__name__)

__all__ = ["Hold", "drain", "enqueue", "enqueue_many", "enqueued", "message_rows", "requeue_held"]


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
    now = time.monotonic()
    if not settings.CELERY_TASK_ALWAYS_EAGER and now - _last_scheduled < SCHEDULE_EVERY_SECONDS:
        return
    _last_scheduled = now
    try:
        outbox_drain.delay()
    except Exception:  # the broker is down: the periodic drain will pick the messages up
        log.warning("could not schedule the outbox drain", exc_info=True)
