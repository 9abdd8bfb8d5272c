"""Login throttling: increasing delays per (user name, client address) and a budget of tries per address.

A user name (a CCCD number, a tax code, ``<code>.<unit>.<role>``) is easy to guess, so failures never lock a user
name as such: an attacker could then lock out anyone. Instead:

* each (user name, address) pair counts its failures; after ``LOGIN_BACKOFF_AFTER`` of them the next try from that
  address must wait ``LOGIN_BACKOFF_BASE_SECONDS``, doubling with each further failure up to
  ``LOGIN_BACKOFF_MAX_SECONDS``. A try during the wait is refused without checking the password, and the answer says
  when to retry. The same user from another address is not affected. A successful login forgets the pair's
  failures; so does a quiet ``LOGIN_BACKOFF_FORGET_HOURS``.
* each address gets at most ``LOGIN_ATTEMPTS_PER_IP_PER_MINUTE`` tries evaluated per minute, whatever the user names
  (a password spray).

The count is exact under concurrency: a try is counted as a failure *before* the password is checked, under the
row's lock (``select_for_update``), and the count is forgotten only when the password turns out right. Parallel tries
therefore queue on the row: each is counted once, and only those the back-off allows are checked. Unknown user names
are counted like known ones, so the throttle tells nothing about which accounts exist.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from motcua.accounts.models import LoginThrottle
from motcua.core import clock, net

#: Request attribute set when a login try was refused unchecked: the seconds to wait before the next one.
RETRY_AFTER_ATTR = "motcua_login_retry_after"


def _username_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def delay_after(failures: int) -> int:
    """Seconds the next try must wait after ``failures`` failures in a row of one user name from one address."""
    after = settings.LOGIN_BACKOFF_AFTER
    if failures < after:
        return 0
    exponent = min(failures - after, 32)  # 2**32 seconds is past any cap
    return int(min(settings.LOGIN_BACKOFF_BASE_SECONDS * 2**exponent, settings.LOGIN_BACKOFF_MAX_SECONDS))


def _forget_before(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(hours=settings.LOGIN_BACKOFF_FORGET_HOURS)


def _wait(retry_at: dt.datetime | None, now: dt.datetime) -> int:
    if retry_at is None or retry_at <= now:
        return 0
    return max(1, math.ceil((retry_at - now).total_seconds()))


def _locked_row(username: str, ip: str, now: dt.datetime) -> LoginThrottle:
    """The pair's row, locked until the end of the transaction (created at the first failure)."""
    rows = LoginThrottle.objects.select_for_update()
    row = rows.filter(username=username, ip=ip).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return LoginThrottle.objects.create(username=username, ip=ip, failures=0, last_failure_at=now)
    except IntegrityError:  # a parallel first failure created it: wait for its lock
        return rows.get(username=username, ip=ip)


def login_try_begin(*, request: HttpRequest, username: str) -> int:
    """Count a login try of ``username`` from the request's client address before its password is checked.

    Returns 0 when the password may be checked now (the try is already counted as a failure, forgotten by
    :func:`login_succeeded`), else the seconds to wait: the try was refused and counts for nothing.
    """
    ip = net.client_ip(request) or "-"
    key = _username_key(username)
    now = clock.now()
    seen = LoginThrottle.objects.filter(username=key, ip=ip).values_list("retry_at", flat=True).first()
    if wait := _wait(seen, now):
        return wait
    budget = settings.LOGIN_ATTEMPTS_PER_IP_PER_MINUTE
    if not net.hit_ip(request, "login", limit=budget, window_seconds=60):
        return 60
    with transaction.atomic():
        row = _locked_row(key, ip, now)
        if row.last_failure_at < _forget_before(now):
            row.failures, row.retry_at = 0, None
        if wait := _wait(row.retry_at, now):
            return wait
        row.failures += 1
        row.last_failure_at = now
        delay = delay_after(row.failures)
        row.retry_at = now + dt.timedelta(seconds=delay) if delay else None
        row.save(update_fields=["failures", "last_failure_at", "retry_at"])
    LoginThrottle.objects.filter(last_failure_at__lt=_forget_before(now)).delete()
    return 0


def login_succeeded(*, request: HttpRequest, username: str) -> None:
    """The password was right: forget the failures of this user name from this address."""
    ip = net.client_ip(request) or "-"
    LoginThrottle.objects.filter(username=_username_key(username), ip=ip).delete()


def retry_after(request: HttpRequest | None) -> int | None:
    """The seconds to wait that the backend left on ``request`` when it refused a try unchecked, else ``None``."""
    value = getattr(request, RETRY_AFTER_ATTR, None)
    return value if isinstance(value, int) else None
