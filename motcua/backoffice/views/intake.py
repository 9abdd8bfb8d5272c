"""Counter intake built for speed: type to pick the procedure, look the applicant up by number, tick what was
handed in (with scans), receive, print the receipt — keyboard-only possible."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.backoffice import selectors, services
from motcua.backoffice.forms import IntakeForm
from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import filing_places, procedure_get, procedure_version_valid_on
from motcua.core.errors import DomainError
from motcua.dossiers.services.building import ComponentInput
from motcua.web.forms import form_errors
from motcua.web.staff import staff_required


def _intake_form(
    request: HttpRequest, version: Any, data: Any = None, files: Any = None
) -> tuple[IntakeForm, dict[str, Any]]:
    scope: selectors.StaffScope = request.scope  # type: ignore[attr-defined]
    places = {
        str(p.handling.pk): p for p in filing_places(version) if scope.receive is None or p.desk.pk in scope.receive
    }
    tables = [fee for fee in version.fees.all() if fee.amount is None and fee.rows]
    form = IntakeForm(
        data,
        files,
        initial={"procedure": version.procedure.code},
        places=[(key, f"{p.handling.name} ({p.desk.short_name or p.desk.name})") for key, p in places.items()],
        components=list(version.components.all()),
        fee_tables=tables,
    )
    return form, places


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    scope: selectors.StaffScope = request.scope  # type: ignore[attr-defined]
    if not scope.may_receive:
        return render(request, "backoffice/intake_not_desk.html", {"nav": "intake"}, status=403)
    code = request.POST.get("procedure") or request.GET.get("procedure", "")
    found = procedure_get(code) if code else None
    version = procedure_version_valid_on(found) if found else None
    q = request.GET.get("q", "")
    result = procedure_search(q=q, page_size=8) if q and version is None else None
    if version is None:
        return render(request, "backoffice/intake.html", {"q": q, "result": result, "version": None, "nav": "intake"})
    form, places = _intake_form(request, version, request.POST or None, request.FILES or None)
    if not places:
        # Not an empty agency list and "This field is required": say why, and where the procedure is received.
        desks = sorted({p.desk.name for p in filing_places(version)})
        context = {"version": version, "desks": desks, "nav": "intake"}
        return render(request, "backoffice/intake_not_served.html", context, status=422 if request.POST else 200)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = places[data["place"]]
        components = []
        for c in form.components:
            scan = data.get(f"scan_{c.pk}")
            if scan:
                components.append(ComponentInput(component_id=c.pk, file_name=scan.name, content=scan, paper=True))
            elif data.get(f"component_{c.pk}"):
                components.append(ComponentInput(component_id=c.pk, paper=True))
        try:
            dossier = services.counter_intake(
                actor=request.user, version=version, handling_agency=place.handling, receiving_agency=place.desk,
                kind=data["kind"], id_number=data["id_number"], name=data["name"], date_of_birth=data["date_of_birth"],
                phone=data["phone"], email=data["email"], address=data["address"], channel=data["channel"],
                postal_tracking_no=data["postal_tracking_no"], sets=data["sets"], note=data["note"],
                components=components, fee_rows={fee.pk: data[f"fee_{fee.pk}"] for fee in form.fee_tables},
            )  # fmt: skip
        except DomainError as exc:
            form_errors(form, exc, aliases=IntakeForm.aliases)
        else:
            return redirect(reverse("backoffice:dossier", kwargs={"pk": dossier.pk}) + "?received=1")
    applicant = None
    if form.is_bound:
        applicant = services.find_applicant(
            kind=form.data.get("kind", "citizen"), id_number=form.data.get("id_number", "")
        )
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request,
        "backoffice/intake.html",
        {"version": version, "form": form, "applicant": applicant, "nav": "intake"},
        status=status,
    )


@staff_required
def procedure_options(request: HttpRequest) -> HttpResponse:
    """htmx: the procedures matching what the officer types."""
    q = request.GET.get("q", "")
    result = procedure_search(q=q, page_size=8) if q.strip() else None
    return render(request, "backoffice/_procedure_options.html", {"result": result, "q": q})


@staff_required
def applicant_lookup(request: HttpRequest) -> HttpResponse:
    """htmx: a known applicant by ID number or tax code (re-used), or the fields to register a new one."""
    applicant = services.find_applicant(
        kind=request.GET.get("kind", "citizen"), id_number=request.GET.get("id_number", "")
    )
    return render(
        request, "backoffice/_applicant.html", {"applicant": applicant, "looked_up": bool(request.GET.get("id_number"))}
    )
