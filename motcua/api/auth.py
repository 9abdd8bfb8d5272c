"""API authentication: the browser session (with CSRF on writes) or a bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from motcua.accounts.models import User
from motcua.accounts.tokens import token_authenticate


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
AUTH = [SessionAuth(), BearerToken()]
