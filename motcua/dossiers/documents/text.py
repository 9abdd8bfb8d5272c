"""Vietnamese legal formatting: dates as administrative documents write them, times, limits, places and names.

Dates follow NĐ 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 take a leading zero
("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from motcua.core import clock
from motcua.orgs.models import Agency, AgencyKind

UNIT_NAMES = {
    "working_day": "ngày làm việc",
    "working_hour": "giờ làm việc",
    "calendar_day": "ngày",
    "month": "tháng",
}

TIMELINESS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(clock.VN_TZ)


def legal_date(day: dt.date) -> str:
    """``ngày 05 tháng 02 năm 2026`` / ``ngày 15 tháng 3 năm 2026``."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def clock_phrase(moment: dt.datetime | None) -> str:
    """``09 giờ 00 phút, ngày 10 tháng 02 năm 2026`` (Vietnam time); empty when unknown."""
    if moment is None:
        return ""
    at = local(moment)
    return f"{at:%H} giờ {at:%M} phút, {legal_date(at.date())}"


def short_moment(moment: dt.datetime | None) -> str:
    """``09:00 10/02/2026`` (hh:mm dd/mm/yyyy, Vietnam time); empty when unknown."""
    return f"{local(moment):%H:%M %d/%m/%Y}" if moment is not None else ""


def short_date(moment: dt.datetime | None) -> str:
    return f"{local(moment):%d/%m/%Y}" if moment is not None else ""


def amount(value: Decimal | int | float) -> str:
    """``2,5`` / ``3``: a decimal comma, no trailing zeros."""
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


def limit_text(value: Decimal, unit: str) -> str:
    """``2,5 ngày làm việc``."""
    return f"{amount(value)} {UNIT_NAMES.get(unit, unit)}"


def count(value: int) -> str:
    """Counts on the forms are written with two digits: ``01``, ``12``; zero is left blank."""
    return f"{value:02d}" if value else ""


_PLACE_PREFIX = re.compile(
    r"^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)?\s*(?:thành phố|tỉnh|TP\.?)\s+", re.IGNORECASE
)


def place_of(agency: Agency) -> str:
    """The place written before the date: the province (or city) the agency belongs to, e.g. ``Hà Nội``."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part.isdigit()]
    province = (
        agency
        if agency.kind == AgencyKind.PROVINCE
        else Agency.objects.filter(pk__in=ids, kind=AgencyKind.PROVINCE).order_by("path").first()
    )
    if province is None:
        return ""
    name = _PLACE_PREFIX.sub("", province.name).strip()
    return name or province.name


def upper(text: str) -> str:
    """Upper case for headings (Python's is right for every Vietnamese letter, đ → Đ included)."""
    return text.upper()
