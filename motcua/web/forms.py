"""A domain error shown on a form: its per-field messages next to the fields, the rest on top."""

from __future__ import annotations

from django import forms

from motcua.core.errors import DomainError


def form_errors(form: forms.Form, exc: DomainError, aliases: dict[str, str] | None = None) -> None:
    """Put the error's per-field messages next to the matching fields, the rest (and the message) on top.

    ``aliases`` maps a service's field name (``components.12``) to the form's (``component_12``).
    """
    aliases = aliases or {}
    placed = False
    for key, value in exc.fields.items():
        name = aliases.get(key, key)
        if name.startswith("components."):
            name = "component_" + name.split(".", 1)[1]
        messages = [str(m) for m in (value if isinstance(value, list | tuple) else [value])]
        if name in form.fields:
            # The message of a single-field error says more than its short field note.
            text = str(exc.message) if len(exc.fields) == 1 else "; ".join(messages)
            form.add_error(name, text)
            placed = True
    if not placed or len(exc.fields) > 1:
        form.add_error(None, str(exc.message))
