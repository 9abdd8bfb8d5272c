"""API authentication: the browser session (with CSRF on writes) or a bearer token.

CSRF protects the browser's ambient authority, the session cookie. So the session authenticator checks the CSRF
token only when the request carries a session that is logged in; a request without one (a script or another system
sending ``Authorization: Bearer <token>``) is passed on to the bearer authenticator, which needs no CSRF token: a
browser never adds that header on its own, so a cross-site page cannot forge it. A request that carries both a
logged-in session cookie and a token is treated as the session's and needs the CSRF token.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from motcua.accounts.models import User
from motcua.accounts.tokens import token_authenticate


class BrowserSession(SessionAuth):
    """Django's session login; a write needs the CSRF token, but only when the session is logged in."""

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not key or not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(403, "CSRF check Failed")
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if key is not None else None


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


def current_user(request: HttpRequest) -> User:
    """The authenticated user of an endpoint declared with ``auth=AUTH``."""
    auth = getattr(request, "auth", None)
    user = auth if isinstance(auth, User) else request.user
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


#: For endpoints that need a logged-in user.
AUTH = [BrowserSession(), BearerToken()]
