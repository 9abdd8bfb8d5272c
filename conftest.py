"""Suite-wide fixtures. App fixtures live in each app's tests/ folder."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL leg of make test)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The database cache table (rate limits, throttles) exists in the test database too."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _no_committed_rate_limits(request, django_db_blocker):
    """A test that commits (transactional or browser) leaves its rate-limit counts in the database cache table, which
    the flush does not empty: clear it after such a test, so a later test does not start half-throttled."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Ids are reused after a rolled-back test (SQLite), so per-process caches keyed by id start empty."""
    from motcua.dossiers.services.building import clear_caches
    from motcua.metrics import config
    from motcua.workcalendar import loader

    clear_caches()
    loader.invalidate()
    config.clear_cache()


@pytest.fixture
def world(db, settings, tmp_path):
    """The small Hà Nội of ``motcua.dossiers.tests.factories`` (an app's conftest may give its own)."""
    from motcua.dossiers.tests.factories import make_world

    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world()


@pytest.fixture
def keep_connection():
    """For requests sent straight to the WSGI app (schemathesis): keep the test's connection, and its transaction,
    open between them, as Django's test client does (on PostgreSQL the end of a request would close it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def client():
    """Every test's client is checked for CSRF as a browser is (see ``motcua.core.testclient``)."""
    from motcua.core.testclient import BrowserClient

    return BrowserClient()
