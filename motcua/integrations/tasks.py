"""Celery tasks of the integrations app: thin, they call the delivery service."""

from celery import shared_task

from motcua.integrations import delivery


@shared_task(name="integrations.outbox_drain")
def outbox_drain() -> int:
    return delivery.drain()
