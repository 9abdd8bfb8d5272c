"""Dossier codes, register lines and public references."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import Counter
from motcua.orgs.models import Agency

MAX_DAILY = 9999
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def next_number(agency: Agency, kind: str, period: str) -> int:
    """Take the next number of ``agency``'s ``kind`` sequence for ``period``, inside the caller's transaction.

    The counter row is created if missing (a concurrent creator is ignored, not an error) and then locked, so
    numbers are never shared and never skipped: a rolled-back transaction gives its number back.
    """
    Counter.objects.bulk_create([Counter(agency=agency, kind=kind, period=period, value=0)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(agency=agency, kind=kind, period=period)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def dossier_code(agency: Agency, received_at: dt.datetime) -> str:
    """``<agency identifier>-<YYMMDD>-<XXXX>`` (RULES §5): the local reception date and that day's sequence."""
    day = received_at.astimezone(clock.VN_TZ).strftime("%y%m%d")
    number = next_number(agency, Counter.KIND_CODE, day)
    if number > MAX_DAILY:
        raise Conflict(
            _("%(agency)s has already received %(max)d dossiers on %(day)s: the 4-digit daily sequence is exhausted.")
            % {
                "agency": agency.code,
                "max": MAX_DAILY,
                "day": received_at.astimezone(clock.VN_TZ).strftime("%d/%m/%Y"),
            },
            code="code_sequence_exhausted",
        )
    return f"{agency.code}-{day}-{number:04d}"


def register_line(agency: Agency, received_at: dt.datetime) -> tuple[int, int]:
    """(year, line) in the desk's register, numbered from 1 each year and never restarted mid-year."""
    year = received_at.astimezone(clock.VN_TZ).year
    return year, next_number(agency, Counter.KIND_REGISTER, str(year))


def new_reference() -> str:
    """A public reference given at submission, before the dossier has a code: ``HS`` + 10 characters."""
    return "HS" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(10))
