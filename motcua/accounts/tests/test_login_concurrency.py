"""Parallel wrong passwords on the real PostgreSQL server: each counted once, no more checked than allowed.

Issue 12 §3: 20 parallel wrong passwords were counted 6 times (the check and the count were not atomic).
"""

import re
import threading

import pytest
from django.db import connections
from django.test import override_settings

from motcua.accounts.models import LoginThrottle
from motcua.accounts.tests.conftest import browser
from motcua.orgs.tests.factories import make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_rate_limits"),
]

PARALLEL = 20


def parallel_logins(username: str, password: str, ip: str) -> list[int]:
    """``PARALLEL`` browsers, each with its CSRF token, post the login form at the same moment; their statuses."""
    clients = []
    for _ in range(PARALLEL):
        client = browser(ip)
        page = client.get("/accounts/login/").content.decode()
        clients.append((client, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)))
    connections.close_all()
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    errors: list[Exception] = []

    def worker(client, token):
        try:
            barrier.wait()
            data = {"username": username, "password": password, "csrfmiddlewaretoken": token}
            statuses.append(client.post("/accounts/login/", data).status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return statuses


@override_settings(LOGIN_BACKOFF_AFTER=100, LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=1000)
def test_twenty_parallel_wrong_passwords_are_counted_twenty_times():
    make_user("sotp.cv")
    statuses = parallel_logins("sotp.cv", "wrong", "203.0.113.7")
    assert statuses == [200] * PARALLEL
    assert LoginThrottle.objects.get(username="sotp.cv").failures == PARALLEL


@override_settings(LOGIN_BACKOFF_AFTER=5, LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=1000)
def test_parallel_tries_get_no_more_checks_than_the_back_off_allows():
    make_user("sotp.cv")
    statuses = parallel_logins("sotp.cv", "wrong", "203.0.113.7")
    # exactly 5 checked (and counted), the 15 others refused unchecked with a time to retry
    assert sorted(statuses) == [200] * 5 + [429] * (PARALLEL - 5)
    assert LoginThrottle.objects.get(username="sotp.cv").failures == 5
