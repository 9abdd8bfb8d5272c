"""What the sender is told, and when: on receipt (with the code and their link), an information request, a
forwarding and the published answer (NĐ 20/2008 art. 9; TT 02/2017). Notices leave through the outbox after commit.

:func:`notify_sender` is a subscriber of :data:`motcua.petitions.events.events_written` (connected in the
wiring); this module writes the e-mail when the sender gave an address. Other channels (the Zalo conversation a
petition came from) connect their own subscriber and read :func:`notice_for` for the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.integrations.mail import email_enqueue
from motcua.petitions.links import sender_path
from motcua.petitions.models import Petition, PetitionEvent

#: The events the sender hears about.
NOTIFIED = ("receive", "request_information", "forward", "publish", "publish_merged", "reject")


@dataclass(frozen=True)
class Notice:
    subject: str
    body: str


def public_url(path: str) -> str:
    base = str(getattr(settings, "MOTCUA_PUBLIC_URL", "") or "http://127.0.0.1:8000").rstrip("/")
    return f"{base}{path}"


def notice_for(petition: Petition, event: PetitionEvent) -> Notice | None:
    """The notice of ``event`` in Vietnamese (the sender's language), or ``None`` when the sender is not told."""
    if event.action not in NOTIFIED:
        return None
    link = public_url(sender_path(petition.code))
    with translation.override(settings.LANGUAGE_CODE):
        values = {"code": petition.code, "link": link, "reason": event.reason}
        if event.action == "receive":
            due = petition.answer_due_at.astimezone(clock.VN_TZ) if petition.answer_due_at else None
            values["due"] = f"{due:%d/%m/%Y}" if due else ""
            subject = _("Petition %(code)s received") % values
            body = (
                _(
                    "Your petition was received with the code %(code)s. It will be answered by %(due)s. "
                    "Follow it at %(link)s"
                )
                % values
            )
        elif event.action == "request_information":
            subject = _("Petition %(code)s: more information needed") % values
            body = _("To handle your petition %(code)s we need: %(reason)s. Answer at %(link)s") % values
        elif event.action == "forward":
            subject = _("Petition %(code)s forwarded") % values
            body = _("Your petition %(code)s was forwarded: %(reason)s. Follow it at %(link)s") % values
        elif event.action == "reject":
            subject = _("Petition %(code)s not accepted") % values
            body = _("Your petition %(code)s was not accepted: %(reason)s.") % values
        else:
            subject = _("Petition %(code)s answered") % values
            body = _("The answer to your petition %(code)s is published. Read and rate it at %(link)s") % values
    return Notice(subject=subject, body=body)


def notify_sender(petition: Petition, events: list[PetitionEvent]) -> None:
    """E-mail the sender each notice of ``events`` when they gave an address (in the writing transaction)."""
    if not petition.sender_email:
        return
    for event in events:
        notice = notice_for(petition, event)
        if notice is not None:
            email_enqueue(to=petition.sender_email, subject=notice.subject, body=notice.body, key=petition.code)
