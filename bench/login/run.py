"""bench/login: how many login tries one address gets evaluated, and the back-off of one (account, address).

A temporary SQLite database (with the database cache, as the embedded setup) gets one staff user whose password is
hashed with Argon2, as in production. Through Django's test client, from one address:

1. a burst of ``BURST`` login tries, each with another user name (a password spray; user names are CCCD numbers
   or ``<code>.<unit>.<role>``, so they are easy to list): how many were evaluated (the password checked), how
   many were refused unchecked, and the evaluated rate extrapolated to a minute;
2. ``SERIES`` wrong passwords for one user name from one address, sent as soon as each answer allows: the delay
   each refusal asks for (``Retry-After``);
3. the right password for that user from another address, at once: is the user locked out by the attacker?

"Evaluated" is counted at the password check itself (``User.check_password`` calls, plus Django's dummy hash for
unknown user names), so the figure is the same whatever the pages answer.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import setup_sqlite_django  # noqa: E402

TMP = setup_sqlite_django("login")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from motcua.core import clock  # noqa: E402

logging.getLogger("django.request").setLevel(logging.ERROR)  # each refusal would log a 429 warning

BURST = 60
SERIES = 12
PASSWORD = "Đúng-mật-khẩu-2026"  # noqa: S105 - a bench account

EVALUATED = [0]


def _counting(fn):  # type: ignore[no-untyped-def]
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        EVALUATED[0] += 1
        return fn(*args, **kwargs)

    return wrapper


def _guesses_per_day() -> int:
    """Failures one address can have checked against one user name in 24 hours under the back-off settings."""
    from motcua.accounts.throttle import delay_after

    elapsed, failures = 0, 0
    while elapsed <= 86400:
        failures += 1
        elapsed += delay_after(failures)
    return failures


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from motcua.accounts.models import User

    User.objects.create_user("sotp.cv", password=PASSWORD)
    # Every password check: a known user's (check_password) and Django's dummy hash for an unknown user name.
    User.check_password = _counting(User.check_password)  # type: ignore[method-assign]
    User.set_password = _counting(User.set_password)  # type: ignore[method-assign]

    attacker = Client(REMOTE_ADDR="203.0.113.7")
    statuses: dict[int, int] = {}
    t0 = time.perf_counter()
    for i in range(BURST):
        response = attacker.post("/accounts/login/", {"username": f"0010900{i:05d}", "password": "x"})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    elapsed = time.perf_counter() - t0
    evaluated = EVALUATED[0]
    print(f"1. spray: {BURST} user names from one address in {elapsed:.1f} s: {evaluated} evaluated, "
          f"{BURST - evaluated} refused unchecked; answers {dict(sorted(statuses.items()))}")  # fmt: skip
    if evaluated == BURST:
        print(f"   every try evaluated: ~{evaluated / elapsed * 60:,.0f} per minute on this machine (no bound)")
    else:
        print(f"   evaluated per minute from one address: {evaluated} (the budget)")

    EVALUATED[0] = 0
    other = Client(REMOTE_ADDR="198.51.100.20")
    waits = []
    moment = clock.now()
    tries = 0
    while EVALUATED[0] < SERIES and tries < 10 * SERIES:  # the clock moves on by each wait asked for
        tries += 1
        with clock.frozen(moment):
            response = other.post("/accounts/login/", {"username": "sotp.cv", "password": "wrong"})
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            moment += dt.timedelta(seconds=waits[-1])
    print(f"2. {EVALUATED[0]} wrong passwords for one user from one address, each sent as soon as allowed: "
          f"the waits asked for {waits} s")  # fmt: skip
    if waits:
        day = _guesses_per_day()
        print(f"   guesses per day for one (user name, address), at most: {day}")

    victim = Client(REMOTE_ADDR="192.0.2.55")
    response = victim.post("/accounts/login/", {"username": "sotp.cv", "password": PASSWORD})
    print(f"3. the right password from another address right after: "
          f"{'logged in' if response.status_code == 302 else f'refused ({response.status_code})'}")  # fmt: skip


if __name__ == "__main__":
    with override_settings(PASSWORD_HASHERS=[h for h in settings.PASSWORD_HASHERS if "MD5" not in h]):  # Argon2
        main()
