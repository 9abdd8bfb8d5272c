"""Celery tasks of the integrations app: thin, they call the outbox service."""

from celery import shared_task

from motcua.integrations import outbox


@shared_task(name="integrations.outbox_drain")
def outbox_drain() -> int:
    return outbox.drain()
