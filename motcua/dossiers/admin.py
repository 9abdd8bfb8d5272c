"""Read-only admin for dossiers: every change goes through the services (pages and API)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnly
from motcua.core.errors import DomainError
from motcua.dossiers import tracking
from motcua.dossiers.models import (
    Apology,
    Blob,
    Counter,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    FeeLine,
    Pause,
    Payment,
    Step,
    StoredFile,
    TrackingGuard,
)


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


@admin.register(DossierComponent)
class DossierComponentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "name", "originals", "certified_copies", "copies", "reused", "paper")
    list_filter = ("reused", "paper")
    search_fields = ("dossier__code", "name")


@admin.register(FeeLine)
class FeeLineAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "name", "amount")
    search_fields = ("dossier__code", "name")


@admin.register(Pause)
class PauseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "reason", "started_at", "ended_at")
    list_filter = ("reason",)
    search_fields = ("dossier__code",)


@admin.register(Apology)
class ApologyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "issued_at", "issued_by", "previous_appointment", "new_appointment", "late_notice")
    list_filter = ("late_notice",)
    search_fields = ("dossier__code",)


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("name", "content_type", "size", "sha256", "uploaded_at")
    list_filter = ("content_type",)
    search_fields = ("name", "sha256")


@admin.register(Blob)
class BlobAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("sha256", "content_type", "size", "created_at")
    list_filter = ("content_type",)
    search_fields = ("sha256",)


@admin.register(DossierFile)
class DossierFileAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "kind", "title", "attached_at")
    list_filter = ("kind",)
    search_fields = ("dossier__code", "title")


@admin.register(DossierEvent)
class DossierEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "at", "actor", "action", "from_state", "to_state")
    list_filter = ("action",)
    search_fields = ("dossier__code", "reason")
    list_select_related = ("dossier", "actor")


@admin.register(Step)
class StepAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "position", "kind", "agency", "status", "assignee", "due_at")
    list_filter = ("status", "kind")
    search_fields = ("dossier__code",)
    list_select_related = ("dossier", "agency", "assignee")


@admin.register(TrackingGuard)
class TrackingGuardAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "failures", "last_failure_at")
    search_fields = ("dossier__code",)
    list_select_related = ("dossier",)
    actions = ["reopen"]

    @admin.action(description=_("Reopen tracking by check digits"))
    def reopen(self, request: HttpRequest, queryset: QuerySet[TrackingGuard]) -> None:
        for guard in queryset.select_related("dossier").filter(failures__gt=0):
            try:
                tracking.tracking_unlock(dossier=guard.dossier, actor=request.user)
            except DomainError as exc:
                self.message_user(request, f"{guard.dossier}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, _("%(code)s: tracking reopened.") % {"code": guard.dossier.code})
