"""API bearer tokens: issued once, stored as a SHA-256 digest, expiring (``API_TOKEN_DAYS``), revocable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import ApiToken, User
from motcua.core import clock
from motcua.core.errors import ValidationFailed

PREFIX_LEN = 8
#: The longest life a token may be given (``--days``).
MAX_DAYS = 3650


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_issue(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user`` valid ``days`` days (``API_TOKEN_DAYS`` by default); returns the row and the
    secret, which is shown only now."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(
            _("A token is valid from 1 to %(max)d days.") % {"max": MAX_DAYS}, code="token_days", fields={"days": days}
        )
    secret = "mc_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_LEN],
        digest=_digest(secret),
        expires_at=clock.now() + dt.timedelta(days=days),
    )
    return token, secret


def token_authenticate(secret: str) -> User | None:
    """The active user of an unexpired, unrevoked token with this secret, else ``None`` (the API answers 401)."""
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_revoke(*, token: ApiToken) -> bool:
    """Revoke ``token`` from now on; ``False`` when it already was."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=clock.now()))


def tokens_with_prefix(prefix: str) -> QuerySet[ApiToken]:
    """The unrevoked tokens whose secret starts with ``prefix`` (the part shown in lists)."""
    return ApiToken.objects.select_related("user").filter(prefix=prefix[:PREFIX_LEN], revoked_at__isnull=True)
