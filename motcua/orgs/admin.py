from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import run_check
from motcua.orgs import services, staffing
from motcua.orgs.models import Agency, Delegation, StaffRole, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ("code", "name", "is_active")


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        run_check(self, lambda: services.check_no_loop(self.instance, data.get("parent")))
        served = data.get("served_agencies")
        if served:
            candidate = Agency(pk=self.instance.pk, code=data.get("code", ""), kind=data.get("kind", ""))
            run_check(self, lambda: services.check_serves(candidate, served))
        return data


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "code", "kind", "parent", "is_active", "valid_from", "valid_to")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code", "admin_code")
    autocomplete_fields = ("parent", "predecessors", "served_agencies")
    readonly_fields = ("path", "created_at", "updated_at")
    inlines = [UnitInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "parent")}),
        (_("Contact"), {"fields": ("admin_code", "address", "phone", "email")}),
        (_("Validity"), {"fields": ("is_active", "valid_from", "valid_to")}),
        (_("Relations"), {"fields": ("predecessors", "served_agencies")}),
        (_("System"), {"fields": ("path", "created_at", "updated_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        values = {key: getattr(obj, key) for key in services.AGENCY_FIELDS if key != "code"}
        if change:
            services.agency_update(agency=obj, parent=obj.parent, code=obj.code, **values)
        else:
            created = services.agency_create(parent=obj.parent, code=obj.code, **values)
            obj.pk, obj.path = created.pk, created.path


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "agency", "is_active")
    list_filter = ("is_active", "agency__kind")
    search_fields = ("name", "code", "agency__name", "agency__code")
    autocomplete_fields = ("agency",)


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "job_title", "role", "agency", "unit", "is_active")
    list_filter = ("role", "is_active", "agency__kind")
    search_fields = ("user__username", "user__full_name", "job_title", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency", "unit")
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected roles"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[StaffRole]) -> None:
        for staff_role in queryset:
            staffing.staff_role_revoke(staff_role=staff_role)


class DelegationAdminForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keys = ("delegator", "delegate", "agency", "starts_at", "ends_at")
        if not self.instance.pk and all(data.get(key) for key in keys):
            run_check(self, lambda: staffing.delegation_check(**{key: data[key] for key in keys}))
        return data


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    form = DelegationAdminForm
    list_display = ("delegator", "delegate", "agency", "starts_at", "ends_at", "revoked_at")
    list_filter = ("agency",)
    search_fields = ("delegator__username", "delegate__username", "agency__name")
    autocomplete_fields = ("delegator", "delegate", "agency")
    readonly_fields = ("revoked_at",)

    def save_model(self, request: HttpRequest, obj: Delegation, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = staffing.delegation_create(
            delegator=obj.delegator,
            delegate=obj.delegate,
            agency=obj.agency,
            starts_at=obj.starts_at,
            ends_at=obj.ends_at,
            reason=obj.reason,
        )
        obj.pk = created.pk
