"""Targets in the admin (a change is a new row with its valid-from date, as on the dashboard)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.dashboard.models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["agency", "key", "threshold", "valid_from", "note", "created_by"]
    list_filter = ["key"]
    search_fields = ["agency__name", "agency__code", "note"]
    autocomplete_fields = ["agency"]
    date_hierarchy = "valid_from"

    def save_model(self, request: HttpRequest, obj: Target, form: Any, change: bool) -> None:
        if obj.created_by_id is None:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
