"""Small helpers for the staff timeline."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.dateparse import parse_datetime

register = template.Library()


@register.filter
def parse_iso(value: object) -> dt.datetime | None:
    """An ISO moment stored in an event's details, as a datetime the ``date`` filter can format."""
    return parse_datetime(value) if isinstance(value, str) else None
