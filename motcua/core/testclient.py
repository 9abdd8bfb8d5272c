"""A test client that is checked for CSRF as a browser is.

Django's test client skips CSRF checks unless asked. :class:`BrowserClient` enforces them and behaves like our
pages: it holds a ``csrftoken`` cookie and sends the token back with every unsafe request (the pages do it with a
hidden form field or htmx's ``X-CSRFToken`` header). So a view or API operation that would refuse a real browser
refuses the suite too, and a test that wants to show a forged request uses a client without the token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string  # the format Django itself puts in the cookie
from django.test import Client

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BrowserClient(Client):
    def __init__(self, **defaults: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **defaults)
        self._new_csrf_cookie()

    def _new_csrf_cookie(self) -> None:
        self.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()

    def logout(self) -> None:
        """Log out, and get a new token as a browser does from the next page it opens."""
        super().logout()
        self._new_csrf_cookie()

    def generic(
        self, method: str, path: Any, *args: Any, headers: Mapping[str, Any] | None = None, **extra: Any
    ) -> Any:
        cookie = self.cookies.get(settings.CSRF_COOKIE_NAME)
        if method.upper() not in SAFE_METHODS and cookie is not None:
            headers = {"X-CSRFToken": cookie.value, **(headers or {})}
        return super().generic(method, path, *args, headers=headers, **extra)
