"""Read-only admin for dossiers: every change goes through the services (pages and API)."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnly
from motcua.core.errors import DomainError
from motcua.dossiers import tracking
from motcua.dossiers.labels import ACTION_LABELS, STEP_KINDS
from motcua.dossiers.models import (
    Apology,
    Blob,
    Counter,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    FeeExemption,
    FeeLine,
    Pause,
    Payment,
    Step,
    StoredFile,
    TrackingGuard,
)
from motcua.dossiers.workflow import State


def event_label(code: str) -> Any:
    """An event's label, as the pages name it (never the raw code when a label exists)."""
    return ACTION_LABELS.get(code, code)


def state_label(code: str) -> Any:
    return State(code).label if code in State.values else code


def step_kind_label(code: str) -> Any:
    return STEP_KINDS.get(code, code)


class EventFilter(admin.SimpleListFilter):
    title = _("event")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        codes = DossierEvent.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((c, event_label(c)) for c in codes), key=lambda item: str(item[1]))

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


class StepKindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        codes = Step.objects.order_by().values_list("kind", flat=True).distinct()
        return sorted(((c, step_kind_label(c)) for c in codes), key=lambda item: str(item[1]))

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


class EventLabels:
    """Columns that show an event's kind and states by their labels."""

    @admin.display(description=_("event"), ordering="action")
    def event(self, obj: DossierEvent) -> Any:
        return event_label(obj.action)

    @admin.display(description=_("from state"), ordering="from_state")
    def from_label(self, obj: DossierEvent) -> Any:
        return state_label(obj.from_state)

    @admin.display(description=_("to state"), ordering="to_state")
    def to_label(self, obj: DossierEvent) -> Any:
        return state_label(obj.to_state)


class StepLabels:
    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj: Step) -> Any:
        return step_kind_label(obj.kind)


class StepInline(StepLabels, ReadOnly, admin.TabularInline):
    model = Step
    extra = 0
    fields = (
        "position", "kind_label", "agency", "unit", "role", "status", "assignee", "due_at", "started_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields


class EventInline(EventLabels, ReadOnly, admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("at", "actor", "event", "from_label", "to_label", "reason")
    readonly_fields = fields


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


@admin.register(FeeExemption)
class FeeExemptionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "recorded_at", "recorded_by", "reason")
    search_fields = ("dossier__code", "reason")


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
class DossierEventAdmin(EventLabels, ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "at", "actor", "event", "from_label", "to_label")
    list_filter = (EventFilter,)
    search_fields = ("dossier__code", "reason")
    list_select_related = ("dossier", "actor")


@admin.register(Step)
class StepAdmin(StepLabels, ReadOnly, admin.ModelAdmin):
    list_display = ("dossier", "position", "kind_label", "agency", "status", "assignee", "due_at")
    list_filter = ("status", StepKindFilter)
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
