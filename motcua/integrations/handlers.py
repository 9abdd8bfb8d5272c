"""Delivery of outbox topics: e-mail notifications to applicants, status sync to the national portal."""

from __future__ import annotations

import json
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from motcua.integrations.models import OutboxMessage
from motcua.integrations.outbox import Hold, register_handler

TOPIC_EMAIL = "notify.email"
TOPIC_PORTAL = "portal.dossier_status"


def send_email(message: OutboxMessage) -> None:
    payload = message.payload
    if not payload.get("to"):
        raise Hold("the applicant has no e-mail address")
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


def register() -> None:
    register_handler(TOPIC_EMAIL, send_email)
    register_handler(TOPIC_PORTAL, push_to_portal)
