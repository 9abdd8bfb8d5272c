"""Celery tasks of the accounts app."""

from celery import shared_task
from django.core.mail import send_mail


@shared_task(name="accounts.deliver_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_mail(subject: str, body: str, to: str) -> None:
    """Send one account e-mail (see ``motcua/accounts/mail.py``)."""
    send_mail(subject, body, None, [to], fail_silently=False)
