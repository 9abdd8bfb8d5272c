"""Reads: the petitions whose running deadline is near or past (the back office's queues, reminders)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from motcua.core import clock
from motcua.petitions.models import Petition
from motcua.petitions.workflow import OPEN_STATES


def _scoped(agency_ids: set[int] | None) -> QuerySet[Petition]:
    petitions = Petition.objects.filter(due_at__isnull=False)
    return petitions if agency_ids is None else petitions.filter(handling_agency_id__in=agency_ids)


def petitions_overdue(*, agency_ids: set[int] | None = None, now: dt.datetime | None = None) -> QuerySet[Petition]:
    """Petitions whose running deadline (answer, or publication after it) has passed; ``None``: every agency."""
    return _scoped(agency_ids).filter(due_at__lt=now or clock.now()).order_by("due_at")


def petitions_due_soon(
    *, within: dt.timedelta = dt.timedelta(days=2), agency_ids: set[int] | None = None, now: dt.datetime | None = None
) -> QuerySet[Petition]:
    """Petitions whose running deadline falls in the next ``within`` (not yet passed)."""
    moment = now or clock.now()
    return _scoped(agency_ids).filter(due_at__gte=moment, due_at__lt=moment + within).order_by("due_at")


def petitions_progress_note_owed(
    *, agency_ids: set[int] | None = None, now: dt.datetime | None = None
) -> QuerySet[Petition]:
    """Open petitions whose 7-day progress note is owed (TT 02/2017)."""
    petitions = Petition.objects.filter(state__in=list(OPEN_STATES), progress_due_at__lt=now or clock.now())
    return petitions if agency_ids is None else petitions.filter(handling_agency_id__in=agency_ids)
