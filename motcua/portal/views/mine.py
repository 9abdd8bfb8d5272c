"""My dossiers: the list, one dossier with its full timeline, receipts and results, and the answer to a request
to supplement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import Conflict, DomainError
from motcua.dossiers import file_access, selectors, timing
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_files, supplement_request, timeline
from motcua.dossiers.services import intake, processing, reception
from motcua.dossiers.visibility import applicant_timeline
from motcua.dossiers.workflow import State
from motcua.portal import selectors as portal_selectors
from motcua.portal.forms import VersionForm
from motcua.web.files import file_response
from motcua.web.forms import form_errors
from motcua.web.official_forms import dossier_forms
from motcua.web.views import domain_errors


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    qs = portal_selectors.without_deleted_drafts(selectors.dossier_list(request.user, selectors.DossierFilter()))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    now = clock.now()
    rows = [(d, timing.appointment_overdue(d.state, d.appointment_at, now)) for d in page]
    return render(request, "portal/my_dossiers.html", {"page": page, "rows": rows})


@login_required
@domain_errors
def delete_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one's own draft: a confirmation page (GET), then the POST with the version seen."""
    found = selectors.dossier_get(request.user, pk)
    if found.state != State.DRAFT:
        return redirect("portal:dossier", pk=pk)
    form = VersionForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            intake.dossier_delete_draft(
                actor=request.user, dossier_id=pk, expected_version=form.cleaned_data["version"]
            )
        except Conflict as exc:  # submitted meanwhile, someone else's draft, a stale page (a refusal is a 403)
            messages.error(request, str(exc.message))
            return redirect("portal:dossier", pk=pk)
        messages.success(request, _("The draft %(ref)s was deleted.") % {"ref": found.reference})
        return redirect("portal:my_dossiers")
    return render(request, "portal/draft_delete.html", {"dossier": found, "form": form})


class SupplementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, components: list[Any], reusable: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(f.pk), f"{f.name} ({f.uploaded_at:%d/%m/%Y})") for f in reusable]
        for component in components:
            self.fields[f"component_{component.pk}"] = forms.FileField(label=component.name, required=False)
            self.fields[f"reuse_{component.pk}"] = forms.ChoiceField(
                label=_("or reuse"), choices=choices, required=False
            )


def _detail_context(dossier: Dossier, form: SupplementForm | None = None) -> dict[str, Any]:
    events = timeline(dossier)
    components, results = dossier_files(dossier)
    if dossier.state == State.NEEDS_SUPPLEMENT:
        request_event = supplement_request(events)
    else:
        request_event = portal_selectors.waiting_for_applicant(dossier, events)
    return {
        "dossier": dossier,
        "events": events,
        "timeline": applicant_timeline(events),
        "components": components,
        "results": results,
        "steps": list(dossier.steps.select_related("agency", "unit").order_by("position", "pk")),
        "forms": dossier_forms(dossier, events),
        "supplement": request_event,
        "supplement_form": form,
        "fees": list(dossier.fee_lines.all()),
    }


def _supplement_form(user: Any, dossier: Dossier, data: Any = None, files: Any = None) -> SupplementForm:
    return SupplementForm(
        data,
        files,
        initial={"version": dossier.version},
        components=list(dossier.procedure_version.components.all()),
        reusable=file_access.reusable_files(user, dossier),
    )


@login_required
@domain_errors
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.dossier_get(request.user, pk)
    form = _supplement_form(request.user, found) if _answerable(found) else None
    return render(request, "portal/dossier.html", _detail_context(found, form))


def _answerable(dossier: Dossier) -> bool:
    """A request to supplement at reception, or a pause waiting for the applicant's documents."""
    if dossier.state == State.NEEDS_SUPPLEMENT:
        return True
    return portal_selectors.waiting_for_applicant(dossier, timeline(dossier)) is not None


@login_required
@domain_errors
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer the request to supplement online: the fixed components, then the dossier goes back to the desk (a
    request at reception) or processing resumes (a pause waiting for the applicant's documents)."""
    found = selectors.dossier_get(request.user, pk)
    if request.method != "POST" or not _answerable(found):
        return redirect("portal:dossier", pk=pk)
    form = _supplement_form(request.user, found, request.POST, request.FILES)
    if form.is_valid():
        items = []
        for component in found.procedure_version.components.all():
            upload = form.cleaned_data.get(f"component_{component.pk}")
            reuse = form.cleaned_data.get(f"reuse_{component.pk}")
            if upload:
                items.append(intake.ComponentInput(component_id=component.pk, file_name=upload.name, content=upload))
            elif reuse:
                items.append(intake.ComponentInput(component_id=component.pk, reuse_file_id=int(reuse)))
        if not items:
            form.add_error(None, _("Attach at least one corrected document."))
        else:
            answer = reception.dossier_supplement if found.state == State.NEEDS_SUPPLEMENT else None
            try:
                if answer is not None:
                    answer(
                        actor=request.user, dossier_id=pk, items=items, expected_version=form.cleaned_data["version"]
                    )
                else:
                    processing.dossier_answer_pause(
                        actor=request.user, dossier_id=pk, items=items, expected_version=form.cleaned_data["version"]
                    )
            except Conflict as exc:
                messages.error(request, str(exc.message))
                return redirect("portal:dossier", pk=pk)
            except DomainError as exc:
                form_errors(form, exc)
            else:
                if answer is not None:
                    messages.success(request, _("Thank you: the supplemented dossier went back to the desk."))
                else:
                    messages.success(request, _("Thank you: your documents were added and processing resumed."))
                return redirect("portal:dossier", pk=pk)
    return render(request, "portal/dossier.html", _detail_context(found, form), status=422)


@login_required
@domain_errors
def dossier_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    found = selectors.dossier_get(request.user, pk)
    stored = file_access.dossier_file(request.user, found, file_id)
    return file_response(stored, download=request.GET.get("download") == "1")
