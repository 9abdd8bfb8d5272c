"""E-mail leaves through the outbox: a service writes the message in its own transaction and the drain sends it
after commit (retried with back-off, held while the address is missing). Nothing else in motcua sends mail;
:func:`motcua.integrations.handlers.send_email` is the one place that calls Django's mail framework."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.integrations import outbox
from motcua.integrations.handlers import TOPIC_EMAIL


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    key: str = ""  # what the message is about (a dossier's code), shown in the outbox admin


def email_enqueue(*, to: str, subject: str, body: str, key: str = "") -> None:
    """Queue one e-mail in the current transaction; it is sent after commit."""
    email_enqueue_many([Mail(to=to, subject=subject, body=body, key=key)])


def email_enqueue_many(mails: list[Mail]) -> None:
    """Queue several e-mails in one insert, in the current transaction."""
    outbox.enqueue_many([(TOPIC_EMAIL, m.key, {"to": m.to, "subject": m.subject, "body": m.body}) for m in mails])
