"""The login and password-reset forms: Django's, behind the throttles (``throttle.py``, ``core.net``)."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.accounts import throttle
from motcua.accounts.mail import send_later
from motcua.core import net


def wait_text(seconds: int) -> str:
    """“30 seconds”, “3 minutes” (rounded up): how long before the next try."""
    if seconds < 120:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


class ThrottledLoginMixin:
    """Says “try again in …” when the backend refused the try unchecked (the right password included)."""

    request: Any
    retry_after: int | None = None
    throttled_message = _("Too many login attempts. Try again in %(wait)s.")

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            wait = throttle.retry_after(self.request)
            if wait is None:
                raise
            self.retry_after = wait
            raise forms.ValidationError(
                self.throttled_message, code="throttled", params={"wait": wait_text(wait)}
            ) from None


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


def _address_key(email: str) -> str:
    return "password-reset-to:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


class QuietPasswordResetForm(PasswordResetForm):
    """Django's reset form, answering the same whatever the address: it sends at most
    ``PASSWORD_RESET_PER_ADDRESS_PER_HOUR`` e-mails an hour to one address, and sends them from a worker after the
    answer (an answer that waits for the mail server would tell that the address has an account)."""

    def get_users(self, email: str) -> Any:
        limit = settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR
        if not net.hit(_address_key(email), limit=limit, window_seconds=3600):
            return iter(())
        return super().get_users(email)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_later(subject=subject, body=body, to=to_email)
