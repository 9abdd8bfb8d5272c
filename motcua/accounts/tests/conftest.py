import re

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture
def fresh_rate_limits(transactional_db):
    """Rate-limit counters live in the cache, a table that a transactional test commits to and does not flush:
    start and leave it empty (other tests roll their counts back with their transaction)."""
    cache.clear()
    yield
    cache.clear()


def browser(ip: str) -> Client:
    """A client that checks CSRF like a browser, from one address."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)


def post_form(client: Client, path: str, data: dict, **extra):
    """GET the page for its CSRF token, then POST the form with it, as a browser does."""
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(path, {**data, "csrfmiddlewaretoken": token}, **extra)
