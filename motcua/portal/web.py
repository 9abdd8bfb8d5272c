"""Small helpers of the portal's pages: formatting moments, the tracking rate limit. What the portal shares with
the staff pages (form errors, files, the official forms) is in the web kit, :mod:`motcua.web`."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from motcua.core import clock, net
from motcua.dossiers import tracking


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(clock.VN_TZ) if moment else None


def parse_moment(value: str | None) -> dt.datetime | None:
    """An ISO moment from a selector's dict (tracking) back to an aware datetime."""
    return dt.datetime.fromisoformat(value) if value else None


def tracking_allowed(request: HttpRequest) -> bool:
    """One budget of tracking lookups per client address for the pages and the API together."""
    return net.hit_ip(request, tracking.RATE_SCOPE, limit=tracking.LOOKUPS_PER_MINUTE)
