"""Admin of internal processes: drafts edited step by step, approval through the service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.catalog import rules, selectors, services
from motcua.catalog.admin.base import can_view_catalog
from motcua.catalog.content import process_content_of
from motcua.catalog.importing.messages import vi
from motcua.catalog.models import InternalProcess, ProcessStatus, ProcessStep
from motcua.catalog.permissions import can_approve_process, can_edit_process, can_manage_catalog
from motcua.catalog.problems import ProblemsFound
from motcua.core.errors import DomainError
from motcua.orgs.policy import Action, scope_agency_ids


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    extra = 0
    fields = (
        "position", "kind", "agency", "unit_code", "role", "duration_amount", "duration_unit", "parallel_group",
        "description",
    )  # fmt: skip
    raw_id_fields = ("agency",)

    def _editable(self, request: HttpRequest, obj: InternalProcess | None) -> bool:
        if obj is None:
            return can_manage_catalog(request.user) or bool(scope_agency_ids(request.user, Action.ADMINISTER))
        return obj.status == ProcessStatus.DRAFT and can_edit_process(request.user, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_catalog(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)


@admin.register(InternalProcess)
class InternalProcessAdmin(admin.ModelAdmin):
    list_display = ("version", "where", "status", "total", "approved_at")
    list_filter = ("status",)
    search_fields = ("version__procedure__code", "version__name", "agency__code", "agency__name")
    list_select_related = ("version__procedure", "agency")
    raw_id_fields = ("version", "agency")
    inlines = [ProcessStepInline]
    actions = ["approve", "check_rules"]
    readonly_fields = ("status", "approved_at", "approved_by", "superseded_at", "created_at")

    @admin.display(description=_("applies at"))
    def where(self, obj: InternalProcess) -> str:
        return str(obj.agency) if obj.agency_id else str(_("every implementing commune / ward (template)"))

    @admin.display(description=_("working hours (longest path)"))
    def total(self, obj: InternalProcess) -> str:
        return f"{selectors.process_hours(obj.steps.all()).normalize():f}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[InternalProcess]:
        qs = super().get_queryset(request)
        if can_manage_catalog(request.user):
            return qs
        return qs.filter(Q(agency_id__in=scope_agency_ids(request.user, Action.ADMINISTER) or set()))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_view_catalog(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_catalog(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_manage_catalog(request.user) or bool(scope_agency_ids(request.user, Action.ADMINISTER))

    def has_change_permission(self, request: HttpRequest, obj: InternalProcess | None = None) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return obj.status == ProcessStatus.DRAFT and can_edit_process(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: InternalProcess | None = None) -> bool:
        return obj is not None and obj.status == ProcessStatus.DRAFT and can_edit_process(request.user, obj)

    def get_form(
        self, request: HttpRequest, obj: InternalProcess | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        base = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class ScopedForm(base):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data = super().clean() or {}
                candidate = InternalProcess(version=data.get("version"), agency=data.get("agency"))
                if not can_edit_process(user, candidate):
                    raise ValidationError(_("You may not edit the internal processes of this agency."))
                return data

        return ScopedForm

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Approve the selected draft processes"))
    def approve(self, request: HttpRequest, queryset: QuerySet[InternalProcess]) -> None:
        for process in queryset:
            if not can_approve_process(request.user, process):
                messages.error(request, _("%(p)s: you may not approve it.") % {"p": process})
                continue
            try:
                services.process_approve(process=process, actor=request.user)
            except ProblemsFound as found:
                messages.error(request, f"{process}: " + "; ".join(vi(p.code, p.params) for p in found.problems))
            except DomainError as error:
                messages.error(request, f"{process}: {error.message}")
            else:
                messages.success(request, _("%(p)s approved.") % {"p": process})

    @admin.action(description=_("Check the selected processes"))
    def check_rules(self, request: HttpRequest, queryset: QuerySet[InternalProcess]) -> None:
        for process in queryset.select_related("version", "agency"):
            content = process_content_of(process)
            problems = rules.process_problems(
                version=process.version,
                agency=process.agency,
                steps=content.steps,
                working_hours_equivalent=content.working_hours_equivalent,
            )
            if problems:
                messages.warning(request, f"{process}: " + "; ".join(vi(p.code, p.params) for p in problems))
            else:
                messages.success(request, _("%(p)s: every rule holds.") % {"p": process})
