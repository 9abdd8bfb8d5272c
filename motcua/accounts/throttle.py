"""Failed-login throttling: too many failures for one user name lock it for a while."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from motcua.accounts.models import LoginFailure
from motcua.core import clock


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def failures_recent(username: str) -> int:
    return LoginFailure.objects.filter(username=_key(username), at__gte=clock.now() - _window()).count()


def is_locked(username: str) -> bool:
    return failures_recent(username) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=_key(username), ip=ip or None)


def clear(username: str) -> None:
    LoginFailure.objects.filter(username=_key(username)).delete()
