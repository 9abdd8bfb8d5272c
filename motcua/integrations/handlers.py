"""The handlers of the outbox topics: e-mail (the only place in motcua that hands a mail to Django's mail
framework), status sync to the national portal. Connected to :data:`motcua.integrations.delivery.topic_handlers` in
:mod:`motcua.wiring.connect`."""

from __future__ import annotations

import json
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from motcua.integrations.delivery import Hold
from motcua.integrations.models import OutboxMessage

TOPIC_EMAIL = "notify.email"
TOPIC_PORTAL = "portal.dossier_status"


def send_email(message: OutboxMessage) -> None:
    payload = message.payload
    if not payload.get("to"):
        raise Hold("no e-mail address to send to")
    send_mail(payload["subject"], payload["body"], None, [payload["to"]], fail_silently=False)


def push_to_portal(message: OutboxMessage) -> None:
    url = settings.NATIONAL_PORTAL_URL
    if not url:
        raise Hold("NATIONAL_PORTAL_URL is not configured")
    request = urllib.request.Request(  # noqa: S310 - the operator configures an https URL
        url,
        data=json.dumps(message.payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.NATIONAL_PORTAL_TOKEN}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status >= 300:
            raise RuntimeError(f"portal answered {response.status}")
