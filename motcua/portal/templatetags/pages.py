"""Labels and formats shared by the portal and back-office templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from motcua.catalog import money
from motcua.dossiers.workflow import State

register = template.Library()

ACTION_LABELS = {
    "create": _("Created"),
    "submit": _("Submitted"),
    "receive": _("Received; receipt and appointment issued"),
    "request_supplement": _("Supplement requested"),
    "supplement": _("Supplemented by the applicant"),
    "refuse": _("Refused at reception"),
    "withdraw": _("Withdrawn"),
    "transfer": _("Transferred for processing"),
    "assign": _("Handler assigned"),
    "note": _("Appraisal note"),
    "handover": _("Step handed over"),
    "consult": _("Consultation sent"),
    "pause": _("Paused"),
    "resume": _("Resumed"),
    "answer_pause": _("Documents sent by the applicant; processing resumed"),
    "decide": _("Decided and signed"),
    "attach_result": _("Result document attached"),
    "send_to_desk": _("Result sent to the desk"),
    "return_result": _("Result returned"),
    "apologise": _("Apology and new appointment"),
    "stop": _("Stopped"),
    "record_payment": _("Payment recorded"),
    "exempt_fees": _("Fee exemption recorded"),
    "print_form": _("Form printed"),
    "tracking_unlock": _("Tracking by check digits reopened"),
}

TIMELINESS = {
    "early": _("early"),
    "on_time": _("on time"),
    "at_risk": _("at risk"),
    "late": _("late"),
}

STEP_KINDS = {
    "receive": _("Reception at the desk"),
    "appraise": _("Appraisal"),
    "decide": _("Decision and signature"),
    "return": _("Result to the desk"),
    "consult": _("Consultation"),
    "verify": _("Verification"),
    "transfer": _("Transfer"),
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
