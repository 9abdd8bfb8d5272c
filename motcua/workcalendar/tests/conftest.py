"""Fixtures of the workcalendar tests: the shipped national calendar and a few helpers."""

from __future__ import annotations

import datetime as dt
import io

import pytest

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


@pytest.fixture
def cal(national: Calendar) -> WorkCalendar:
    return selectors.work_calendar(national)
