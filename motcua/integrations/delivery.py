"""Deliver outbox messages: one handler per topic, and the "delivered" hook other apps listen to.

The handlers are connected in :mod:`motcua.wiring.connect` (``topic_handlers.connect(TOPIC_EMAIL, send_email)``).
A handler raises :class:`Hold` when the destination is not configured (the message stays, marked held, and is sent
once a destination exists and the message is re-queued) and any other exception to retry with back-off. After a
handler succeeds, :data:`delivered` is called with the message in the same transaction (the 766 index records
that a dossier's status reached the national portal), before the message is marked sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import transaction

from motcua.core import clock
from motcua.core.hooks import Hook
from motcua.integrations.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

Handler = Callable[[OutboxMessage], None]
MAX_ATTEMPTS = 8

#: The handler of each topic, connected under the topic's name.
topic_handlers: Hook[Handler] = Hook("integrations.topic_handlers")
#: Called with each message its handler delivered, in the delivering transaction; a subscriber filters on the topic.
delivered: Hook[Handler] = Hook("integrations.delivered")


class Hold(Exception):  # noqa: N818 - a signal, not an error
    """The destination is not configured: keep the message without counting an attempt."""


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
    handler = topic_handlers.get(message.topic)
    try:
        if handler is None:
            raise Hold(f"no handler for {message.topic}")
        handler(message)
        for subscriber in delivered:
            subscriber(message)
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
