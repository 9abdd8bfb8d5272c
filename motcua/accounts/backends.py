"""Authentication: Django's model backend behind the login throttle (``motcua/accounts/throttle.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from motcua.accounts import throttle
from motcua.accounts.models import User


class ThrottledModelBackend(ModelBackend):
    """Every password checked through a request passes the throttle first: a try it refuses is not checked, and
    the seconds to wait are left on the request (``throttle.retry_after``) for the login form to show.

    A call without a request (code run on the server: the shell, a command) is not a login from the network and is
    not throttled.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        if request is not None:
            wait = throttle.login_try_begin(request=request, username=username)
            if wait:
                setattr(request, throttle.RETRY_AFTER_ATTR, wait)
                raise PermissionDenied("login throttled")  # Django's authenticate() stops and returns None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and request is not None:
            throttle.login_succeeded(request=request, username=username)
        return user
