"""Statutory public holidays computed from the Labour Code, 1990–2100.

Bộ luật Lao động 2012 art. 115 until 2020 (2/9 one day; Tết 5 days from 2013), Bộ luật Lao động 2019 art. 112
from 2021 (1/1; Tết 5 days; 10/3 lunar; 30/4; 1/5; 2/9 plus an adjacent day), and art. 111.3: a holiday on a weekly
rest day gives the next working day off. The lunar dates and the rules per year come from the pinned ``holidays``
package (its Vietnamese calendar, not the Chinese one); the tests pin the dates we rely on.

Two things the package lists are *not* statutory and are left to the yearly schedule entries instead:
the swapped days off of some years ("Ngày nghỉ (thay cho ngày …)"), which come without their swapped working
Saturday, and 24/11 (Ngày Văn hóa Việt Nam), whose status as a paid day off is not settled in the Labour Code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

FIRST_YEAR = 1990
LAST_YEAR = 2100

_NOT_STATUTORY_PREFIXES = ("Ngày nghỉ (thay cho", "Ngày Văn hóa Việt Nam")


@dataclass(frozen=True, slots=True)
class StatutoryDay:
    date: dt.date
    compensatory: bool
    name: str


def legal_basis(year: int) -> str:
    """The article that fixes the statutory holidays of ``year`` (a legal citation, kept in Vietnamese)."""
    if year >= 2021:
        return "Bộ luật Lao động 2019, Điều 111–112 (tính theo quy định)"
    if year >= 2013:
        return "Bộ luật Lao động 2012, Điều 110, 115 (tính theo quy định)"
    return "Bộ luật Lao động 1994 (sửa đổi), Điều 73 (tính theo quy định)"


def _clean(name: str) -> str:
    parts = [part for part in name.split("; ") if not part.startswith(_NOT_STATUTORY_PREFIXES)]
    return "; ".join(parts)


@lru_cache(maxsize=1)
def statutory_days() -> dict[dt.date, StatutoryDay]:
    """Every statutory day off from FIRST_YEAR to LAST_YEAR (weekends included when a holiday falls there)."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    observed = holidays.Vietnam(years=years, language="vi")
    plain = holidays.Vietnam(years=years, language="vi", observed=False)
    days: dict[dt.date, StatutoryDay] = {}
    for day, raw in observed.items():
        name = _clean(raw)
        if not name:
            continue
        days[day] = StatutoryDay(date=day, compensatory=day not in plain, name=name)
    return days
