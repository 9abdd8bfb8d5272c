"""Petition codes ``PAKN.YYYYMMDD.NNNN``: gap-free per day (Vietnam time), safe under concurrency.

One upsert increments the day's row and keeps it locked until commit, so concurrent receptions queue on it and never
share or skip a number; a rolled-back reception gives its number back.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.core.sqlvendor import insert_or_add_sql
from motcua.petitions.models import PetitionCounter

MAX_DAILY = 9999


def next_code(at: dt.datetime) -> str:
    """The next code of ``at``'s day; call it inside the transaction that inserts the petition."""
    day = at.astimezone(clock.VN_TZ).strftime("%Y%m%d")
    table = PetitionCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(insert_or_add_sql(table, "period", "value", "SELECT %s, 1"), [day])
        cursor.execute(f"SELECT value FROM {table} WHERE period = %s", [day])  # noqa: S608 - the model's table
        (number,) = cursor.fetchone()
    if number > MAX_DAILY:
        raise Conflict(
            _("The 4-digit daily sequence of petition codes is exhausted for %(day)s.") % {"day": day},
            code="code_sequence_exhausted",
        )
    return f"PAKN.{day}.{number:04d}"
