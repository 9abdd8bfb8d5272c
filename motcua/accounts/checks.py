"""System checks of the accounts app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Backends that deliver nothing: the mail (password reset links, account activation) lands in the server's log, a
#: file or memory, where anyone who reads them can take over accounts.
UNDELIVERED_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def check_mail_is_delivered(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``manage.py check --deploy``: production must send e-mail to a mail server, not to the console."""
    if settings.EMAIL_BACKEND not in UNDELIVERED_MAIL_BACKENDS:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: password reset and account activation links would be "
            "written where they are not delivered (the console backend writes them to the server's log).",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST, EMAIL_PORT, "
            "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.",
            id="motcua.accounts.E001",
        )
    ]
