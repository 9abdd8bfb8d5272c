"""Numbers as people read them: Vietnamese "29.322" and "92,34%", English "29,322" and "92.34%".

Rates and scores arrive already cut by the index's display rule (``metrics.display``: truncated to 2 decimals by
default); this module only writes them. Counts are whole numbers; a rate that is a whole number is written without
decimals ("100%"), any other with exactly ``decimals`` digits ("92,30%")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def _separators(language: str | None) -> tuple[str, str]:
    return SEPARATORS.get((language or get_language() or "vi")[:2], SEPARATORS["vi"])


def number(value: float | int | Decimal | None, decimals: int = 2, language: str | None = None) -> str:
    """``value`` with the language's thousands and decimal separators; "—" for nothing."""
    if value is None or value == "":
        return "—"
    thousands, point = _separators(language)
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else decimals
    text = f"{amount:,.{places}f}"  # the value is already cut: formatting adds zeros, it does not round
    return text.replace(",", "\x00").replace(".", point).replace("\x00", thousands)


def percent(value: float | int | Decimal | None, decimals: int = 2, language: str | None = None) -> str:
    return "—" if value is None else number(value, decimals, language) + "%"


def signed_points(value: float | int | Decimal | None, decimals: int = 2, language: str | None = None) -> str:
    """A gap in percentage points with its sign: "+2,5" / "−7,66"."""
    if value is None:
        return "—"
    text = number(abs(Decimal(str(value))), decimals, language)
    return ("+" if Decimal(str(value)) >= 0 else "−") + text


def rating_sentence(ratings: dict[str, Any], language: str | None = None, links: dict[str, str] | None = None) -> str:
    """ "29.322 / 31.751 hồ sơ được đánh giá (92,34%), 99,73% hài lòng" from ``metrics.index.ratings_report``;
    with ``links`` (measure -> URL) the two counts link to their dossiers (the text stays the same). With no dossier
    to rate, it says so instead of "0 / 0 … 0% satisfied"."""
    if not ratings["eligible"]:
        return str(_("no dossier to rate yet"))
    parts = {
        "rated": number(ratings["rated"], language=language),
        "eligible": number(ratings["eligible"], language=language),
        "rated_rate": percent(ratings["rated_rate"], language=language),
        "satisfied_rate": percent(ratings["satisfied_rate"], language=language),
    }
    template = _("%(rated)s / %(eligible)s dossiers rated (%(rated_rate)s), %(satisfied_rate)s satisfied")
    if links is None:
        return template % parts
    safe = {key: conditional_escape(value) for key, value in parts.items()}
    safe["rated"] = format_html('<a href="{}">{}</a>', links["rated"], parts["rated"])
    safe["eligible"] = format_html('<a href="{}">{}</a>', links["returned"], parts["eligible"])
    safe["satisfied_rate"] = format_html('<a href="{}">{}</a>', links["satisfied"], parts["satisfied_rate"])
    return mark_safe(conditional_escape(template) % safe)  # noqa: S308 - every part escaped above
