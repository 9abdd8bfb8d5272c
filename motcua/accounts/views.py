"""Log in and password reset: Django's views with the throttles' answers (429 with ``Retry-After``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.forms import QuietPasswordResetForm, ThrottledAuthenticationForm, wait_text
from motcua.core import net


def too_many(request: HttpRequest, *, seconds: int, title: str) -> HttpResponse:
    """The answer to a client over its budget: 429, when to retry, nothing about any account."""
    message = _("Too many requests from your connection. Try again in %(wait)s.") % {"wait": wait_text(seconds)}
    response = render(request, "registration/too_many.html", {"title": title, "message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class LoginView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        wait = getattr(form, "retry_after", None)
        if wait:
            response.status_code = 429
            response["Retry-After"] = str(wait)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whatever the address; at most ``PASSWORD_RESET_PER_IP_PER_HOUR`` requests an hour from one
    client address (and ``PASSWORD_RESET_PER_ADDRESS_PER_HOUR`` mails to one address: the form)."""

    form_class = QuietPasswordResetForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = settings.PASSWORD_RESET_PER_IP_PER_HOUR
        if not net.hit_ip(request, "password-reset", limit=limit, window_seconds=3600):
            return too_many(request, seconds=3600, title=_("Reset password"))
        return super().post(request, *args, **kwargs)
