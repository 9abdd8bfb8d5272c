"""Admin pages that call the catalogue's services: import, export, publish a draft, abolish a procedure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.catalog import services
from motcua.catalog.admin.base import can_view_catalog
from motcua.catalog.exporting import export_json, export_xlsx
from motcua.catalog.importing import ImportFailed, catalog_import
from motcua.catalog.importing.messages import vi
from motcua.catalog.models import Decision, Procedure, ProcedureVersion
from motcua.catalog.permissions import can_manage_catalog
from motcua.catalog.problems import ProblemsFound
from motcua.core import clock
from motcua.core.errors import DomainError

MAX_UPLOAD = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .json)"))
    check_only = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)


class PublishForm(forms.Form):
    decision = forms.ModelChoiceField(Decision.objects.order_by("-signed_on"), label=_("publication decision"))
    valid_from = forms.DateField(
        label=_("valid from"), required=False, help_text=_("Empty: the decision's effective date.")
    )
    basis_effective_on = forms.DateField(label=_("legal basis effective on"), required=False)


class AbolishForm(forms.Form):
    decision = forms.ModelChoiceField(Decision.objects.order_by("-signed_on"), label=_("publication decision"))
    on = forms.DateField(
        label=_("abolished from"), required=False, help_text=_("Empty: the decision's effective date.")
    )
    basis_effective_on = forms.DateField(label=_("legal basis effective on"), required=False)


def _page(request: HttpRequest, title: str, form: forms.Form, **context: Any) -> TemplateResponse:
    return TemplateResponse(
        request,
        "admin/catalog/form.html",
        {**admin.site.each_context(request), "title": title, "form": form, **context},
    )


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_catalog(request.user):
        raise PermissionDenied


def import_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 50 MB."))
        else:
            try:
                report = catalog_import(
                    upload.read(), filename=upload.name, actor=request.user, dry_run=form.cleaned_data["check_only"]
                )
            except ImportFailed as failed:
                issues = [str(issue) for issue in failed.issues]
            except DomainError as error:
                issues = [str(error.message)]
            else:
                messages.success(request, report.summary())
                return HttpResponseRedirect(reverse("admin:catalog_procedure_changelist"))
    return _page(request, str(_("Import the catalogue")), form, issues=issues, multipart=True)


def export_response(fmt: str, codes: list[str] | None = None) -> HttpResponse:
    stamp = clock.local_now().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(export_xlsx(codes), content_type=content_type)
    else:
        response = HttpResponse(export_json(codes), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="catalog-{stamp}.{fmt}"'
    return response


def export_view(request: HttpRequest) -> HttpResponse:
    if not can_view_catalog(request.user):
        raise PermissionDenied
    return export_response("xlsx" if request.GET.get("format") == "xlsx" else "json")


def _problems_to_form(form: forms.Form, error: DomainError) -> None:
    if isinstance(error, ProblemsFound):
        for problem in error.problems:
            field = str(problem.path[0]) if problem.path else None
            form.add_error(field if field in form.fields else None, vi(problem.code, problem.params))
    else:
        form.add_error(None, str(error.message))


def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    version = get_object_or_404(ProcedureVersion, pk=pk)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_publish(version=version, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _problems_to_form(form, error)
        else:
            messages.success(request, _("%(v)s is published.") % {"v": version})
            return HttpResponseRedirect(reverse("admin:catalog_procedureversion_change", args=[pk]))
    return _page(request, str(_("Publish %(v)s") % {"v": version}), form, subject=version)


def abolish_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    procedure = get_object_or_404(Procedure, pk=pk)
    form = AbolishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.procedure_abolish(procedure=procedure, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _problems_to_form(form, error)
        else:
            messages.success(request, _("%(p)s is abolished.") % {"p": procedure})
            return HttpResponseRedirect(reverse("admin:catalog_procedure_change", args=[pk]))
    return _page(request, str(_("Abolish %(p)s") % {"p": procedure}), form, subject=procedure)
