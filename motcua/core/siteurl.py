"""The site's public address, for links that leave the site (e-mails, printed forms)."""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """``MOTCUA_SITE_URL`` when set, else the first concrete ``ALLOWED_HOSTS`` entry (https unless DEBUG)."""
    configured = str(getattr(settings, "MOTCUA_SITE_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    if hosts and not settings.DEBUG:
        return f"https://{hosts[0]}"
    return f"http://{hosts[0] if hosts else '127.0.0.1'}:8000"


def absolute(path: str) -> str:
    return site_url() + path
