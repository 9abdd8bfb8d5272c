"""Public tracking at /tra-cuu/: code + check digits, the receipt's QR link, or the applicant's own login; no
personal data shown. Every refusal (unknown code, wrong check, locked code, wrong link) is the same page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.errors import DomainError
from motcua.dossiers import tracking
from motcua.portal.forms import TrackingForm
from motcua.portal.web import parse_moment, tracking_allowed
from motcua.web.forms import form_errors


def _view(dossier: Any) -> dict[str, Any]:
    view = tracking.tracking_view(dossier)
    for key in ("received_at", "appointment_at", "original_appointment", "decided_at", "returned_at"):
        view[key] = parse_moment(view[key])
    for event in view["history"]:
        for key in ("at", "new_appointment"):
            event[key] = parse_moment(event[key])
    for step in view["steps"]:
        for key in ("started_at", "finished_at", "due_at"):
            step[key] = parse_moment(step[key])
    return view


def track(request: HttpRequest) -> HttpResponse:
    form = TrackingForm(request.POST or None)
    status, view = 200, None
    if request.method == "POST" and form.is_valid():
        if not tracking_allowed(request):
            form.add_error(None, _("Too many lookups from your address; wait a minute."))
            status = 429
        else:
            try:
                data = form.cleaned_data
                view = _view(tracking.tracking_lookup(code=data["code"], factor=data["factor"], user=request.user))
                form = TrackingForm(initial={"code": data["code"]})  # the check digits are not shown back
            except DomainError as exc:
                form_errors(form, exc)
                status = 404
    return render(request, "portal/tracking.html", {"form": form, "view": view}, status=status)


def track_code(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt's QR code (/tra-cuu/<code>?t=<token>), or the logged-in applicant's link to their dossier."""
    token = request.GET.get("t", "")
    form = TrackingForm(initial={"code": code})
    view, status, error = None, 200, None
    if not tracking_allowed(request):
        error, status = _("Too many lookups from your address; wait a minute."), 429
    elif token or request.user.is_authenticated:
        try:
            view = _view(tracking.tracking_lookup(code=code, token=token[:100], user=request.user))
        except DomainError as exc:
            error, status = exc.message, 404
    context = {"form": form, "view": view, "error": error, "token": token[:100] if view else ""}
    return render(request, "portal/tracking.html", context, status=status)
