"""Permission plumbing shared by the catalogue's admin classes (from ``catalog.permissions``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.permissions import can_manage_catalog
from motcua.orgs.models import Role, StaffRole


def is_agency_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and StaffRole.objects.filter(user_id=user.pk, role=Role.AGENCY_ADMIN, is_active=True).exists()
    )


def can_view_catalog(user: Any) -> bool:
    return can_manage_catalog(user) or is_agency_admin(user)


class CatalogAdmin(admin.ModelAdmin):
    """Viewed by agency administrators, changed by the catalogue's administrators; never bulk-deleted."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_view_catalog(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_catalog(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can_manage_catalog(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_catalog(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class DraftPartInline(admin.TabularInline):
    """Rows of a version's content: editable while the version is a draft, read-only once published."""

    extra = 0

    def _editable(self, request: HttpRequest, obj: ProcedureVersion | None) -> bool:
        return can_manage_catalog(request.user) and (obj is None or not obj.is_published)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_view_catalog(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(request, obj)
