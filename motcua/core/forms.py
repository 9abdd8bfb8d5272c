"""Helpers to show domain errors on Django forms (pages and the admin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from motcua.core.errors import DomainError


def run_check(form: forms.BaseForm, check: Callable[[], Any]) -> None:
    """Call ``check``; turn a :class:`DomainError` into form errors (per field where it names fields)."""
    try:
        check()
    except DomainError as exc:
        placed = False
        for name, messages in exc.fields.items():
            if name in form.fields:
                for message in messages if isinstance(messages, list | tuple) else [messages]:
                    form.add_error(name, str(message))
                placed = True
        form.add_error(None, str(exc.message)) if not placed else None
