"""Celery tasks of the accounts app."""

from celery import shared_task

from motcua.accounts.mail import send_later


@shared_task(name="accounts.deliver_mail")
def deliver_mail(subject: str, body: str, to: str) -> None:
    """An account e-mail queued by an earlier release, which handed mail to this task: now it goes to the outbox
    like every other mail (see ``motcua/accounts/mail.py``)."""
    send_later(subject=subject, body=body, to=to)
