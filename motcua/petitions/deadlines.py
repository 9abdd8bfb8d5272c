"""Petition deadlines in working days of the handling agency's calendar, configurable per track.

Defaults from RULES §11 (the 766 formula and TT 02/2017); ``settings.PETITION_DEADLINES`` may override any of them
per track, e.g. ``{"field_report": {"answer": 10}}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from motcua.orgs.models import Agency
from motcua.workcalendar.engine import WorkCalendar
from motcua.workcalendar.selectors import work_calendar_for_agency
from motcua.workcalendar.services.deadlines import add_working_time
from motcua.workcalendar.units import TimeUnit


@dataclass(frozen=True)
class Limits:
    """Working days allowed for each step."""

    reject: int = 2
    information: int = 5
    forward: int = 5
    answer: int = 15
    answer_ceiling: int = 20
    progress: int = 7
    publish: int = 2


DEFAULT_LIMITS = Limits()


def limits_for(track: str) -> Limits:
    """The limits of ``track``: the defaults, overridden by ``settings.PETITION_DEADLINES[track]``."""
    overrides: dict[str, dict[str, int]] = getattr(settings, "PETITION_DEADLINES", {})
    return Limits(**{**DEFAULT_LIMITS.__dict__, **overrides.get(track, {})})


def calendar_of(agency: Agency) -> WorkCalendar:
    return work_calendar_for_agency(agency)


def after(calendar: WorkCalendar, start: dt.datetime, days: int) -> dt.datetime:
    """``days`` working days after ``start``."""
    return add_working_time(start=start, amount=days, unit=TimeUnit.WORKING_DAY, calendar=calendar)


def shift_by_pause(
    calendar: WorkCalendar, moment: dt.datetime, paused: dt.datetime, resumed: dt.datetime
) -> dt.datetime:
    """``moment`` moved later by the working time between ``paused`` and ``resumed`` (the clock stood still)."""
    stood = calendar.position(resumed) - calendar.position(paused)
    return calendar.moment(calendar.position(moment) + max(stood, 0))
