"""Read-only admin for dossiers: every change goes through the services (pages and API)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.dossiers.models import Counter, Dossier, DossierEvent, Payment, Step


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(ReadOnly, admin.TabularInline):
    model = Step
    extra = 0
    fields = ("position", "kind", "agency", "unit", "role", "status", "assignee", "due_at", "started_at", "finished_at")


class EventInline(ReadOnly, admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("at", "actor", "action", "from_state", "to_state", "reason")


@admin.register(Dossier)
class DossierAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("code", "reference", "state", "procedure_version", "receiving_agency", "received_at", "due_at")
    list_filter = ("state", "channel", "outcome")
    search_fields = ("code", "reference", "applicant__name", "applicant__id_number")
    date_hierarchy = "received_at"
    inlines = [StepInline, EventInline]
    list_select_related = ("procedure_version__procedure", "receiving_agency")


@admin.register(Payment)
class PaymentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("receipt_no", "dossier", "method", "gateway", "amount", "paid_at", "status")
    list_filter = ("method", "status")
    search_fields = ("receipt_no", "dossier__code")


@admin.register(Counter)
class CounterAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("agency", "kind", "period", "value")
    list_filter = ("kind",)
