"""API bearer tokens: issued once, stored as a SHA-256 digest, revocable, optionally expiring."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from motcua.accounts.models import ApiToken, User
from motcua.core import clock

PREFIX_LEN = 8


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_issue(*, user: User, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the secret, which is shown only now."""
    secret = "mc_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LEN], digest=_digest(secret), expires_at=expires_at
    )
    return token, secret


def token_authenticate(secret: str) -> User | None:
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=clock.now())
