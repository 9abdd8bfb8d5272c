"""Reads: the queues by deadline (the back office, reminders), the published answers (the portal, Open311) and the
petitions similar to one (offered to the officer to merge)."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import Q, QuerySet

from motcua.catalog.normalize import fold, words
from motcua.core import clock
from motcua.petitions.models import Petition
from motcua.petitions.workflow import OPEN_STATES, State

#: Similar petitions: received within this many days of each other (settings ``PETITION_SIMILAR_DAYS``) ...
SIMILAR_DAYS = 7
#: ... at the same address, or within this many metres (settings ``PETITION_SIMILAR_METRES``), in the same field.
SIMILAR_METRES = 200
#: States in which the answer is public.
PUBLIC_STATES = (State.PUBLISHED, State.CLOSED)


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


def petitions_published(
    *, query: str = "", field_id: int | None = None, agency_id: int | None = None
) -> QuerySet[Petition]:
    """Published answers, newest first, matching every word of ``query`` (without diacritics, word prefixes), in a
    field and of a handling agency when given."""
    petitions = Petition.objects.filter(state__in=PUBLIC_STATES, published_at__isnull=False)
    for word in words(query)[:8]:
        petitions = petitions.filter(search_text__contains=f" {word}")
    if field_id is not None:
        petitions = petitions.filter(field_id=field_id)
    if agency_id is not None:
        petitions = petitions.filter(handling_agency_id=agency_id)
    return petitions.select_related("field", "handling_agency").order_by("-published_at", "-pk")


def _metres(a: Petition, b: Petition) -> float:
    """The distance between two petitions' coordinates (equirectangular: exact enough within a city)."""
    lat1, lat2 = math.radians(float(a.latitude or 0)), math.radians(float(b.latitude or 0))
    dx = math.radians(float(b.longitude or 0) - float(a.longitude or 0)) * math.cos((lat1 + lat2) / 2)
    return 6_371_000 * math.hypot(dx, lat2 - lat1)


def petitions_similar(petition: Petition) -> list[Petition]:
    """Open petitions of the same agency and field, received within ``SIMILAR_DAYS`` of ``petition``, at the same
    address (folded) or within ``SIMILAR_METRES`` of it — the officer may merge them."""
    days = int(getattr(settings, "PETITION_SIMILAR_DAYS", SIMILAR_DAYS))
    metres = float(getattr(settings, "PETITION_SIMILAR_METRES", SIMILAR_METRES))
    window = dt.timedelta(days=days)
    candidates = (
        Petition.objects.filter(
            handling_agency_id=petition.handling_agency_id,
            state__in=list(OPEN_STATES | set(PUBLIC_STATES)),
            merged_into__isnull=True,
            received_at__gte=petition.received_at - window,
            received_at__lte=petition.received_at + window,
        )
        .filter(Q(field__isnull=True) if petition.field_id is None else Q(field_id=petition.field_id))
        .exclude(pk=petition.pk)
        .exclude(state__in=[State.CLOSED])
    )
    address = fold(petition.place_address).strip()
    has_point = petition.latitude is not None and petition.longitude is not None
    if not address and not has_point:
        return []
    near = Q(pk__in=[])
    if address:  # compared folded below (SQLite's case folding is ASCII only)
        near |= ~Q(place_address="")
    if has_point:
        near |= Q(latitude__isnull=False, longitude__isnull=False)
    similar = []
    for other in candidates.filter(near).order_by("received_at")[:200]:
        same_address = bool(address) and fold(other.place_address).strip() == address
        close = has_point and other.latitude is not None and _metres(petition, other) <= metres
        if same_address or close:
            similar.append(other)
    return similar
