"""What the portal and the back office share as interfaces: turning domain errors into form errors,
serving a stored file to someone allowed to see it, formatting moments, the tracking rate limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _

from motcua.core import clock, net
from motcua.core.errors import DomainError
from motcua.dossiers import tracking
from motcua.dossiers.models import StoredFile


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


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(clock.VN_TZ) if moment else None


def parse_moment(value: str | None) -> dt.datetime | None:
    """An ISO moment from a selector's dict (tracking) back to an aware datetime."""
    return dt.datetime.fromisoformat(value) if value else None


def file_response(stored: StoredFile, *, download: bool = False) -> FileResponse:
    response = FileResponse(stored.blob.file.open("rb"), content_type=stored.content_type, as_attachment=download)
    if not download:
        response["Content-Disposition"] = f'inline; filename="{stored.pk}{_ext(stored)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


def _ext(stored: StoredFile) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(stored.content_type, "")


def tracking_allowed(request: HttpRequest) -> bool:
    """One budget of tracking lookups per client address for the pages and the API together."""
    return net.hit_ip(request, tracking.RATE_SCOPE, limit=tracking.LOOKUPS_PER_MINUTE)


def form_url(dossier_id: int, number: str) -> str:
    """The official form as PDF (issue 6's endpoint): 01 receipt, 02 supplement, 03 refusal, 04 apology,
    05 control sheet."""
    return f"/api/v1/dossiers/{dossier_id}/forms/{number}.pdf"


def dossier_forms(dossier: Any, events: list[Any]) -> list[tuple[str, str, str]]:
    """(number, title, PDF address) of the official forms that apply to the dossier now, from the form set in force
    on its reception date (TT 01/2018 or a later set); ``events``: the dossier's timeline, the page has it."""
    from motcua.dossiers.documents.services import forms_of

    return [
        (
            f.number,
            _("%(title)s (form %(number)s)") % {"title": f.title, "number": f.number},
            form_url(dossier.pk, f.number),
        )
        for f in forms_of(dossier, events)
        if f.applies
    ]
