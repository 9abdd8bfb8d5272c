"""Home (search), procedure pages."""

from __future__ import annotations

import posixpath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.catalog.search import procedure_search
from motcua.catalog.selectors import blank_form as blank_form_of
from motcua.catalog.selectors import (
    field_list,
    filing_places,
    procedure_get,
    procedure_version_valid_on,
    version_detail,
)
from motcua.portal.forms import SearchForm

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    result = procedure_search(
        q=data.get("q") or "", field=data.get("field") or None, page=data.get("page") or 1, page_size=PAGE_SIZE
    )
    context = {
        "form": form,
        "result": result,
        "q": data.get("q") or "",
        "field": data.get("field") or "",
        "has_next": result.page * result.page_size < result.count,
    }
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "results":
        return render(request, "portal/_results.html", context)
    context["fields"] = [f for f in field_list().order_by("name") if getattr(f, "procedure_count", 0)]
    return render(request, "portal/home.html", context)


def blank_form(request: HttpRequest, code: str, component_id: int) -> FileResponse:
    """A blank form of the procedure in force, as a download (public, like the rest of the catalogue)."""
    component = blank_form_of(code, component_id)
    if component is None:
        raise Http404("No blank form here.")
    name = posixpath.basename(component.form_file.name)
    response = FileResponse(component.form_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    found = procedure_get(code)
    version = procedure_version_valid_on(found) if found else None
    if version is None:
        raise Http404("No procedure in force with this code.")
    detail = version_detail(version.pk)
    places = filing_places(detail)
    blank_forms = [c for c in detail.components.all() if c.form_file or c.form_url]
    return render(request, "portal/procedure.html", {"v": detail, "places": places, "blank_forms": blank_forms})
