"""Admin of the catalogue (Vietnamese UI through the translation catalogue).

Who sees what is decided by ``catalog.permissions`` (not Django's model permissions): the catalogue's
administrators manage fields, decisions, procedures and versions; agency administrators see the catalogue and
manage their agencies' internal processes. Published versions and approved processes are read-only; publishing,
abolishing, approving, importing and exporting go through the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.catalog import rules, selectors, services
from motcua.catalog.admin import views
from motcua.catalog.admin.base import CatalogAdmin, DraftPartInline
from motcua.catalog.admin.processes import InternalProcessAdmin  # noqa: F401 - registers it
from motcua.catalog.content import version_content_of
from motcua.catalog.importing.messages import vi
from motcua.catalog.models import (
    Component,
    Decision,
    DecisionItem,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureVersion,
    SearchWord,
)
from motcua.core.errors import DomainError
from motcua.orgs.models import AgencyKind


@admin.register(Field)
class FieldAdmin(CatalogAdmin):
    list_display = ("code", "name", "sector")
    search_fields = ("code", "name", "sector")

    def save_model(self, request: HttpRequest, obj: Field, form: Any, change: bool) -> None:
        saved = services.field_save(code=obj.code, name=obj.name, sector=obj.sector, actor=request.user)
        obj.pk = saved.pk


class DecisionItemInline(admin.TabularInline):
    model = DecisionItem
    extra = 0
    fields = ("procedure", "action", "version", "basis_effective_on", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(CatalogAdmin):
    list_display = ("number", "signed_on", "effective_on", "made_public_on", "signer")
    search_fields = ("number", "signer")
    date_hierarchy = "signed_on"
    inlines = [DecisionItemInline]
    raw_id_fields = ("issuer",)

    def get_readonly_fields(self, request: HttpRequest, obj: Decision | None = None) -> Any:
        if obj is None:
            return ()
        return ("number", "signed_on", "signer", "effective_on", "issuer", "note") + (
            ("made_public_on",) if obj.made_public_on else ()
        )

    def save_model(self, request: HttpRequest, obj: Decision, form: Any, change: bool) -> None:
        if change:
            if obj.made_public_on and "made_public_on" in form.changed_data:
                services.decision_mark_public(decision=obj, made_public_on=obj.made_public_on, actor=request.user)
            return
        created = services.decision_create(
            number=obj.number,
            signed_on=obj.signed_on,
            signer=obj.signer,
            effective_on=obj.effective_on,
            issuer=obj.issuer,
            made_public_on=obj.made_public_on,
            note=obj.note,
            actor=request.user,
        )
        obj.pk = created.pk


class VersionLinkInline(admin.TabularInline):
    model = ProcedureVersion
    extra = 0
    fields = ("link", "status", "valid_from", "valid_to", "committed_amount", "committed_unit")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("version"))
    def link(self, obj: ProcedureVersion) -> str:
        url = reverse("admin:catalog_procedureversion_change", args=[obj.pk])
        return format_html('<a href="{}">v{} — {}</a>', url, obj.number, obj.name)


@admin.register(Procedure)
class ProcedureAdmin(CatalogAdmin):
    list_display = ("code", "current_name", "status")
    list_filter = ("status",)
    search_fields = ("code", "versions__name")
    inlines = [VersionLinkInline]
    actions = ["export_xlsx", "export_json"]
    change_list_template = "admin/catalog/procedure/change_list.html"

    def get_readonly_fields(self, request: HttpRequest, obj: Procedure | None = None) -> Any:
        return ("status",) if obj is None else ("code", "status")

    @admin.display(description=_("name in force"))
    def current_name(self, obj: Procedure) -> str:
        version = selectors.procedure_version_valid_on(obj)
        return version.name if version else "—"

    def save_model(self, request: HttpRequest, obj: Procedure, form: Any, change: bool) -> None:
        if not change:
            obj.pk = services.procedure_create(code=obj.code, actor=request.user).pk

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(views.import_view), name="catalog_import"),
            path("export/", wrap(views.export_view), name="catalog_export"),
            path("<int:pk>/abolish/", wrap(views.abolish_view), name="catalog_procedure_abolish"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Export the selected procedures (xlsx)"))
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> HttpResponse:
        return views.export_response("xlsx", list(queryset.values_list("code", flat=True)))

    @admin.action(description=_("Export the selected procedures (JSON)"))
    def export_json(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> HttpResponse:
        return views.export_response("json", list(queryset.values_list("code", flat=True)))


class LegalBasisInline(DraftPartInline):
    model = LegalBasis
    fields = ("position", "number", "title", "issued_on", "effective_on")


class ComponentInline(DraftPartInline):
    model = Component
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012
    fields = (
        "position", "case", "name", "originals", "certified_copies", "copies", "requirement", "condition",
        "form_name", "form_url", "form_file", "from_data_store",
    )  # fmt: skip


class FeeInline(DraftPartInline):
    model = Fee
    fields = ("position", "kind", "name", "amount", "rows", "legal_basis", "note")


class VersionForm(forms.ModelForm):
    agency_kind_choices = forms.MultipleChoiceField(
        label=_("implemented by every agency of the kinds"),
        choices=[(k, v) for k, v in AgencyKind.choices if k in ("commune", "ward", "special_zone", "department")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProcedureVersion
        fields = (
            "procedure", "name", "field", "level", "implementing_agency", "result_agency", "coordinating_agency",
            "agencies", "for_citizens", "for_organisations", "limit_amount", "limit_unit", "committed_amount",
            "committed_unit", "limit_note", "sequence", "requirements", "results", "channel_counter",
            "channel_postal", "channel_online", "online_level", "partial_reason", "online_payment", "province_wide",
        )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["agency_kind_choices"].initial = self.instance.agency_kind_list

    def save(self, commit: bool = True) -> ProcedureVersion:
        kinds = sorted(self.cleaned_data.get("agency_kind_choices") or [])
        self.instance.agency_kinds = f",{','.join(kinds)}," if kinds else ""
        return super().save(commit)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(CatalogAdmin):
    form = VersionForm
    list_display = ("procedure", "number", "name", "status", "valid_from", "valid_to", "committed", "level")
    list_filter = ("status", "level", "online_level", "field")
    search_fields = ("procedure__code", "name")
    list_select_related = ("procedure", "field")
    raw_id_fields = ("procedure",)
    filter_horizontal = ("agencies",)
    inlines = [LegalBasisInline, ComponentInline, FeeInline]
    actions = ["new_draft", "check_rules"]
    change_form_template = "admin/catalog/procedureversion/change_form.html"

    @admin.display(description=_("committed limit"))
    def committed(self, obj: ProcedureVersion) -> str:
        return f"{obj.committed_amount.normalize():f} {obj.get_committed_unit_display()}"

    def get_readonly_fields(self, request: HttpRequest, obj: ProcedureVersion | None = None) -> Any:
        if obj is not None and obj.is_published:
            names = [f.name for f in ProcedureVersion._meta.fields if f.editable and f.name != "id"]
            return [*names, "agencies", "status", "valid_from", "valid_to", "published_at"]
        return ("number",) if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: ProcedureVersion | None = None) -> Any:
        fields = list(super().get_fields(request, obj))
        if obj is not None and obj.is_published:
            fields = [f for f in fields if f != "agency_kind_choices"] + ["agency_kinds"]
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: ProcedureVersion | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)

    def save_model(self, request: HttpRequest, obj: ProcedureVersion, form: Any, change: bool) -> None:
        if not change:
            last = obj.procedure.versions.order_by("-number").first() if obj.procedure_id else None
            obj.number = (last.number if last else 0) + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        problems = rules.version_problems(version_content_of(form.instance))
        if problems:
            text = "; ".join(vi(p.code, p.params) for p in problems)
            messages.warning(request, _("The draft is saved but cannot be published yet: %(p)s") % {"p": text})

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/publish/", wrap(views.publish_view), name="catalog_version_publish"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Start a new draft version from the selected versions"))
    def new_draft(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        for version in queryset:
            try:
                draft = services.version_draft_from(version=version, actor=request.user)
            except DomainError as error:
                messages.error(request, f"{version}: {error.message}")
            else:
                messages.success(request, _("Draft %(d)s created.") % {"d": draft})

    @admin.action(description=_("Check whether the selected drafts can be published"))
    def check_rules(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        for version in queryset:
            problems = rules.version_problems(version_content_of(version))
            if problems:
                messages.warning(request, f"{version}: " + "; ".join(vi(p.code, p.params) for p in problems))
            else:
                messages.success(request, _("%(v)s: complete.") % {"v": version})


@admin.register(SearchWord)
class SearchWordAdmin(admin.ModelAdmin):
    """The search vocabulary (folded words), read-only: it is derived from the published versions."""

    search_fields = ("word",)
    readonly_fields = ("word",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
