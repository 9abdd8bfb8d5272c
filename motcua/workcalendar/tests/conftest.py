"""Fixtures of the workcalendar tests: the shipped national calendar and a few helpers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import transaction

from motcua.workcalendar import demo, loader, selectors
from motcua.workcalendar.engine import VN_TZ, WorkCalendar
from motcua.workcalendar.models import Calendar


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture(autouse=True)
def _fresh_cache():
    loader.invalidate()
    yield
    loader.invalidate()


@pytest.fixture
def national(db) -> Calendar:
    demo.load(io.StringIO())
    calendar = selectors.calendar_national()
    assert calendar is not None
    return calendar


@pytest.fixture(scope="session")
def cal(django_db_setup, django_db_blocker) -> WorkCalendar:
    """The shipped national calendar, preloaded once: built inside a transaction that is rolled back (the
    engine is immutable and lives in memory only)."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(io.StringIO())
        calendar = selectors.calendar_national()
        assert calendar is not None
        engine = loader.build_engine(calendar)
        transaction.set_rollback(True)
    return engine
