"""Labels and formats shared by the portal and back-office templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from motcua.catalog import money
from motcua.dossiers.labels import ACTION_LABELS, STEP_KINDS
from motcua.dossiers.workflow import State

register = template.Library()

TIMELINESS = {
    "early": _("early"),
    "on_time": _("on time"),
    "at_risk": _("at risk"),
    "late": _("late"),
}


@register.filter
def action_label(verb: str) -> Any:
    return ACTION_LABELS.get(verb, verb)


@register.filter
def state_label(state: str) -> Any:
    try:
        return State(state).label
    except ValueError:
        return state


@register.filter
def timeliness_label(value: str) -> Any:
    return TIMELINESS.get(value, value)


@register.filter
def step_kind(value: str) -> Any:
    return STEP_KINDS.get(value, value)


@register.filter
def vnd(amount: int | None) -> str:
    """200000 → 200.000 đ (Vietnamese thousands separator; ``catalog.money.vnd``)."""
    return money.vnd(amount)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def field_of(form: Any, name: str) -> Any:
    return form[name]
