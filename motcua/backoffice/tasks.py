"""Celery tasks of the back office: thin, they call the digest."""

from celery import shared_task

from motcua.backoffice.digest import send_digests


@shared_task(name="backoffice.daily_digest")
def daily_digest() -> int:
    sent, _skipped = send_digests()
    return sent
