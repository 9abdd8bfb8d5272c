"""Reads of the ratings app."""

from __future__ import annotations

import datetime as dt
import hashlib

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.ratings.models import Kiosk, Rating, RatingPolicy

DEFAULT_WINDOW_DAYS = 7
#: A dossier presented on a kiosk waits there this long for the applicant's rating.
KIOSK_PRESENT_MINUTES = 15


def policy_on(day: dt.date) -> RatingPolicy:
    """The rating policy in force on ``day`` (the default 7-day window before any row)."""
    policy = RatingPolicy.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return policy or RatingPolicy(valid_from=day, replace_window_days=DEFAULT_WINDOW_DAYS)


def current_rating(dossier_id: int) -> Rating | None:
    return Rating.objects.filter(dossier_id=dossier_id, is_current=True).first()


def change_closes_at(current: Rating) -> dt.datetime:
    """Until when a rating may be replaced: the policy's window (in force on the first rating's day) from the
    first rating."""
    window = policy_on(current.first_rated_at.astimezone(clock.VN_TZ).date()).replace_window_days
    return current.first_rated_at + dt.timedelta(days=window)


def change_window_closed(current: Rating | None, now: dt.datetime) -> bool:
    """Whether the dossier was rated and its rating can no longer be changed (the page then shows no form)."""
    return current is not None and now > change_closes_at(current)


def kiosk_by_secret(secret: str | None) -> Kiosk | None:
    """The paired, active kiosk whose device secret this is."""
    if not secret:
        return None
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return Kiosk.objects.select_related("agency").filter(secret_hash=digest, is_active=True).first()


def kiosk_presented(kiosk: Kiosk) -> Dossier | None:
    """The dossier an officer presented on ``kiosk``, while it waits for the rating."""
    if kiosk.current_dossier_id is None or kiosk.presented_at is None:
        return None
    if clock.now() - kiosk.presented_at > dt.timedelta(minutes=KIOSK_PRESENT_MINUTES):
        return None
    return Dossier.objects.select_related("procedure_version").filter(pk=kiosk.current_dossier_id).first()
