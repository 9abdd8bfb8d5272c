"""Report jobs in the admin: read-only (jobs are made from the staff pages or the API)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.reports.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "requested_by", "agency", "start", "end", "field", "format", "state", "progress",
                    "rows", "finished_at")  # fmt: skip
    list_filter = ("state", "format")
    date_hierarchy = "created_at"
    list_select_related = ("requested_by", "agency", "field")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
