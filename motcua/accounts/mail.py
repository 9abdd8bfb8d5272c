"""E-mail about accounts (password reset, registration), sent after the answer.

A page that sends a mail only when an account exists, and waits for the mail server while doing so, tells by its
answer time whether the account exists. So these mails are written to the outbox in the request's transaction and
sent by the outbox drain after it commits: with Redis (production) the page only enqueues; the embedded setup, which
has no worker, drains inline after commit. A broker that cannot be reached delays the mail until the periodic drain,
never changes the answer.

The accounts app sits below the integrations app, so it does not import the outbox: :data:`mail_queue` is the hook
point :mod:`motcua.wiring.connect` connects it to.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured

from motcua.core.hooks import Hook


class MailQueue(Protocol):
    def __call__(self, *, to: str, subject: str, body: str) -> None: ...


#: Takes an e-mail in the current transaction and sends it after commit (the outbox).
mail_queue: Hook[MailQueue] = Hook("accounts.mail_queue", single=True)


def send_later(*, subject: str, body: str, to: str) -> None:
    queue = mail_queue.one()
    if queue is None:
        raise ImproperlyConfigured("no mail queue is connected: is motcua.wiring in INSTALLED_APPS?")
    queue(to=to, subject=subject, body=body)
