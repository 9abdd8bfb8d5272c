"""Online submission, step by step: where to file → components (uploads with progress, reuse) → summary → submit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.catalog.selectors import Place, filing_places, procedure_get, procedure_version_valid_on
from motcua.core.errors import Conflict, DomainError
from motcua.dossiers import file_access, selectors
from motcua.dossiers.actions import run_action
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.services import intake
from motcua.dossiers.workflow import State
from motcua.portal import selectors as portal_selectors
from motcua.portal.forms import ComponentUploadForm, StartFilingForm, VersionForm
from motcua.web.forms import form_errors
from motcua.web.views import domain_errors, reload_with


def _version_or_404(code: str) -> Any:
    found = procedure_get(code)
    version = procedure_version_valid_on(found) if found else None
    if version is None or not version.channel_online:
        raise Http404("No procedure in force that can be filed online with this code.")
    return version


@login_required
def start(request: HttpRequest, code: str) -> HttpResponse:
    version = _version_or_404(code)
    applicant = portal_selectors.applicant_of(request.user)
    if applicant is None:
        return render(request, "portal/not_applicant.html", status=403)
    every = filing_places(version)
    places = {str(p.handling.pk): p for p in every}
    tables = [fee for fee in version.fees.all() if fee.amount is None and fee.rows]
    # a GET ?q= narrows the list (the search box works without JavaScript; with it the list filters as one types)
    q = "" if request.method == "POST" else request.GET.get("q", "")[:100]
    shown = portal_selectors.places_matching(every, q)
    home = portal_selectors.home_place(every, applicant.address)
    if home is not None and home not in shown:
        shown = [home, *shown]
    form = StartFilingForm(
        request.POST or None,
        places=[(str(p.handling.pk), _place_label(p)) for p in (every if request.method == "POST" else shown)],
        fee_tables=tables,
        preselect=str(home.handling.pk) if home else "",
    )
    if request.method == "POST" and form.is_valid():
        place = places[form.cleaned_data["place"]]
        try:
            dossier = intake.dossier_create(
                actor=request.user, version=version, applicant=applicant, handling_agency=place.handling,
                receiving_agency=place.desk, channel=Channel.ONLINE, note=form.cleaned_data["note"],
                fee_rows={fee.pk: form.cleaned_data[f"fee_{fee.pk}"] for fee in tables},
            )  # fmt: skip
        except DomainError as exc:
            form_errors(
                form, exc, aliases={"handling_agency": "place", "receiving_agency": "place", "channel": "place"}
            )
        else:
            return redirect("portal:filing_components", pk=dossier.pk)
    context = {"v": version, "form": form, "step": 1, "q": q, "count": len(every), "shown": len(shown), "home": home}
    return render(request, "portal/filing_start.html", context)


def _place_label(place: Place) -> str:
    if place.desk.pk == place.handling.pk:
        return place.handling.name
    return f"{place.handling.name} — {_('desk')}: {place.desk.name}"


def _draft(request: HttpRequest, pk: int) -> Dossier:
    return selectors.dossier_get(request.user, pk)


def _components_context(user: Any, dossier: Dossier, errors: dict[int, Any] | None = None) -> dict[str, Any]:
    given = {c.component_id: c for c in dossier.components.select_related("file")}
    rows: list[dict[str, Any]] = [
        {"component": c, "given": given.get(c.pk), "error": (errors or {}).get(c.pk)}
        for c in dossier.procedure_version.components.all()
    ]
    return {
        "dossier": dossier,
        "rows": rows,
        "reusable": file_access.reusable_files(user, dossier),
        "complete": all(r["given"] for r in rows if getattr(r["component"], "requirement", "") == "mandatory"),
        "step": 2,
    }


@login_required
@domain_errors
def components(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _draft(request, pk)
    if dossier.state != State.DRAFT:
        return redirect("portal:dossier", pk=pk)
    return render(request, "portal/filing_components.html", _components_context(request.user, dossier))


@login_required
@domain_errors
def upload(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    """One component: a file (htmx shows the upload's progress) or a reused document."""
    dossier = _draft(request, pk)
    back = reverse("portal:filing_components", kwargs={"pk": pk})
    if request.method != "POST":
        return redirect(back)
    form = ComponentUploadForm(request.POST, request.FILES)
    error: Any = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        item = intake.ComponentInput(
            component_id=component_id,
            file_name=upload.name if upload else "",
            content=upload or None,
            reuse_file_id=None if upload else form.cleaned_data["reuse_file_id"],
        )
        try:
            dossier = intake.dossier_put_components(
                actor=request.user, dossier_id=pk, items=[item], expected_version=form.cleaned_data["version"]
            )
        except Conflict as exc:
            messages.error(request, str(exc.message))
            return reload_with(request, back)
        except DomainError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errs in form.errors.values() for e in errs)
    if error is not None:
        dossier = _draft(request, pk)
    if getattr(request, "htmx", False):
        context = _components_context(request.user, dossier, {component_id: error} if error else None)
        return render(request, "portal/_components.html", context, status=422 if error else 200)
    if error:
        context = _components_context(request.user, dossier, {component_id: error})
        return render(request, "portal/filing_components.html", context, status=422)
    return redirect(back)


@login_required
@domain_errors
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary before submitting: components, fees, where; submitting gives the public reference at once."""
    dossier = _draft(request, pk)
    if dossier.state != State.DRAFT:
        return redirect("portal:dossier", pk=pk)
    form = VersionForm(request.POST or None, initial={"version": dossier.version})
    if request.method == "POST" and form.is_valid():
        try:
            run_action("submit", actor=request.user, dossier_id=pk, data={"version": form.cleaned_data["version"]})
        except Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("portal:filing_review", pk=pk)
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Submitted. Your public reference is %(ref)s; the desk will check the dossier and give it a code.")
                % {"ref": dossier.reference},
            )
            return redirect("portal:dossier", pk=pk)
    context = _components_context(request.user, dossier)
    context.update(form=form, step=3, fees=list(dossier.fee_lines.all()))
    return render(request, "portal/filing_review.html", context)
