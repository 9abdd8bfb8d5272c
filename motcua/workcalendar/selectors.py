"""Reads: which calendar an agency uses, its preloaded engine, and a year's special days."""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
from dataclasses import dataclass

from motcua.orgs.models import Agency
from motcua.orgs.selectors import agency_ancestors
from motcua.workcalendar import loader
from motcua.workcalendar.engine import WorkCalendar
from motcua.workcalendar.loader import DayInfo
from motcua.workcalendar.models import NATIONAL_CODE, Calendar


def calendar_get(code: str) -> Calendar | None:
    return Calendar.objects.filter(code=code).first()


def calendar_national() -> Calendar | None:
    return calendar_get(NATIONAL_CODE)


def calendar_for_agency(agency: Agency) -> Calendar | None:
    """The agency's own calendar, else its nearest ancestor's, else the national one (None if none exists)."""
    lineage = [agency, *reversed(agency_ancestors(agency))]
    own = {cal.agency_id: cal for cal in Calendar.objects.filter(agency__in=[a.pk for a in lineage])}
    for node in lineage:
        if node.pk in own:
            return own[node.pk]
    return calendar_national()


def work_calendar(calendar: Calendar) -> WorkCalendar:
    """The preloaded, cached in-memory calendar (cheap to call again; rebuilt after a change)."""
    return loader.engine_for(calendar)


def work_calendar_for_agency(agency: Agency | None) -> WorkCalendar:
    """The preloaded calendar an agency counts in (``None``: the national one). Before any national calendar
    exists, the built-in national rules (statutory holidays only)."""
    calendar = calendar_for_agency(agency) if agency is not None else calendar_national()
    return work_calendar(calendar) if calendar is not None else loader.default_engine()


def year_days(calendar: WorkCalendar, year: int, *, include_switched_off: bool = False) -> list[DayInfo]:
    """The non-ordinary days of ``year`` in date order (holidays even on weekends, compensatory and swapped
    days), with their sources; switched-off entries only when asked."""
    notes = calendar.notes
    days = [info for day, info in notes.items() if day.year == year and (info.active or include_switched_off)]
    return sorted(days, key=lambda info: info.date)


@dataclass(frozen=True, slots=True)
class GridDay:
    date: dt.date
    in_month: bool
    working: bool
    weekend: bool
    info: DayInfo | None


@dataclass(frozen=True, slots=True)
class GridMonth:
    month: int
    weeks: list[list[GridDay]]
    working_days: int


def _grid_day(engine: WorkCalendar, day: dt.date, month: int) -> GridDay:
    return GridDay(
        date=day,
        in_month=day.month == month,
        working=engine.first <= day <= engine.last and engine.is_working_day(day),
        weekend=day.isoweekday() not in engine.weekdays,
        info=engine.notes.get(day),
    )


def year_grid(calendar: Calendar, year: int) -> list[GridMonth]:
    """Twelve month grids (weeks Monday first) for the admin page."""
    engine = work_calendar(calendar)
    grid = std_calendar.Calendar(firstweekday=0)
    months = []
    for month in range(1, 13):
        weeks = [[_grid_day(engine, day, month) for day in week] for week in grid.monthdatescalendar(year, month)]
        last = dt.date(year, month, std_calendar.monthrange(year, month)[1])
        months.append(
            GridMonth(
                month=month,
                weeks=weeks,
                working_days=engine.working_days_between(dt.date(year, month, 1), last),
            )
        )
    return months
