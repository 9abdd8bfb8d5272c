"""E-mail about accounts (password reset, registration), sent by a worker after the answer.

A page that sends a mail only when an account exists, and waits for the mail server while doing so, tells by its
answer time whether the account exists. So these mails are handed to a Celery task after the transaction commits:
with Redis (production) the page only enqueues; the embedded setup, which has no worker, sends inline. A broker that
cannot be reached loses the mail (logged), never changes the answer.
"""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def send_later(*, subject: str, body: str, to: str) -> None:
    def enqueue() -> None:
        from motcua.accounts.tasks import deliver_mail

        try:
            deliver_mail.delay(subject, body, to)
        except Exception:  # the answer must not depend on the broker
            logger.exception("account e-mail not enqueued")

    transaction.on_commit(enqueue)
