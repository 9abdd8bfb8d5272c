"""Numbers in the reader's language ("29.322", "92,34%" in Vietnamese; "29,322", "92.34%" in English) and the
names of the index's parts."""

from __future__ import annotations

from typing import Any

from django import template

from motcua.dashboard import labels, numbers

register = template.Library()


@register.filter
def num(value: Any, decimals: int = 2) -> str:
    return numbers.number(value, int(decimals))


@register.filter
def pct(value: Any, decimals: int = 2) -> str:
    return numbers.percent(value, int(decimals))


@register.filter
def points(value: Any) -> str:
    return numbers.signed_points(value)


@register.filter
def rating_sentence(ratings: dict[str, Any], links: dict[str, str] | None = None) -> str:
    return numbers.rating_sentence(ratings, links=links or None)


@register.filter
def group_label(key: str) -> Any:
    return labels.GROUPS.get(key, key)


@register.filter
def indicator_label(key: str) -> Any:
    return labels.INDICATORS.get(key, labels.COMPONENTS.get(key, key))


@register.filter
def band_label(key: str | None) -> Any:
    return labels.BANDS.get(key or "", "—")


@register.filter
def status_label(key: str) -> Any:
    return labels.STATUSES.get(key, "")


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None
