"""Periods of the dashboard and the public page: a year, a quarter, a month (``2026``, ``2026-Q1``, ``2026-03``) or
any days (``from``/``to``); the default is this year to date. A period never ends after today."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.metrics.selectors import month_end, next_month

MAX_DAYS = 1099  # as the index API


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    key: str  # "2026", "2026-Q1", "2026-03" or "" for custom days

    @property
    def label(self) -> str:
        if re.fullmatch(r"\d{4}", self.key):
            return _("Year %(y)s") % {"y": self.key}
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", self.key):
            return _("Quarter %(q)s/%(y)s") % {"q": m[2], "y": m[1]}
        if m := re.fullmatch(r"(\d{4})-(\d{2})", self.key):
            return _("Month %(m)s/%(y)s") % {"m": int(m[2]), "y": m[1]}
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def months(self, limit: int = 24) -> list[tuple[dt.date, dt.date]]:
        """The months of the period (the first and last cut to it), the last ``limit`` of them."""
        out = []
        day = self.start
        while day <= self.end:
            out.append((day, min(self.end, month_end(day))))
            day = next_month(day)
        return out[-limit:]


def _clamped(start: dt.date, end: dt.date, key: str, today: dt.date) -> Period:
    return Period(start, max(start, min(end, today)) if start <= today else end, key)


def period_of_key(key: str, today: dt.date | None = None) -> Period | None:
    today = today or clock.today()
    try:
        if re.fullmatch(r"\d{4}", key):
            year = int(key)
            return _clamped(dt.date(year, 1, 1), dt.date(year, 12, 31), key, today)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", key):
            first = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
            last = month_end(first.replace(month=first.month + 2))
            return _clamped(first, last, key, today)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", key):
            first = dt.date(int(m[1]), int(m[2]), 1)
            return _clamped(first, month_end(first), key, today)
    except ValueError:
        return None
    return None


def parse_period(params: dict[str, str], today: dt.date | None = None) -> tuple[Period, str | None]:
    """The period asked for (``period`` key, else ``from``/``to``), else this year to date, and an error message
    when the request could not be read."""
    today = today or clock.today()
    default = Period(dt.date(today.year, 1, 1), today, str(today.year))
    key = (params.get("period") or "").strip()
    if key:
        found = period_of_key(key, today)
        return (found, None) if found else (default, _("Unknown period; this year to date is shown."))
    start_s, end_s = (params.get("from") or "").strip(), (params.get("to") or "").strip()
    if not start_s and not end_s:
        return default, None
    try:
        start = dt.date.fromisoformat(start_s) if start_s else dt.date(today.year, 1, 1)
        end = dt.date.fromisoformat(end_s) if end_s else today
    except ValueError:
        return default, _("Dates are written YYYY-MM-DD; this year to date is shown.")
    if end < start or (end - start).days > MAX_DAYS:
        return default, _("The period must end after it starts and last at most 3 years.")
    return Period(start, end, _key_of(start, end)), None


def _key_of(start: dt.date, end: dt.date) -> str:
    """The key of a whole year, quarter or month given as days (so links keep their name), else ""."""
    if start.day != 1 or end != month_end(end):
        return ""
    if start.year == end.year:
        if start.month == 1 and end.month == 12:
            return str(start.year)
        if start.month == end.month:
            return f"{start:%Y-%m}"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}-Q{(start.month + 2) // 3}"
    return ""


def presets(today: dt.date | None = None) -> list[tuple[str, str]]:
    """(key, label) for the selector: this and last month, quarter and year."""
    today = today or clock.today()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    quarter = (today.month - 1) // 3 + 1
    last_q = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    keys = [f"{this_month:%Y-%m}", f"{last_month:%Y-%m}", f"{today.year}-Q{quarter}", f"{last_q[0]}-Q{last_q[1]}",
            str(today.year), str(today.year - 1)]  # fmt: skip
    return [(k, p.label) for k in keys if (p := period_of_key(k, today))]
