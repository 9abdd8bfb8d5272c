"""Admin of petitions: shown read-only (every change goes through the services and leaves an event)."""

from __future__ import annotations

from django.contrib import admin

from motcua.core.admin import ReadOnly
from motcua.petitions.models import (
    Petition,
    PetitionAttachment,
    PetitionCounter,
    PetitionEvent,
    PetitionTransfer,
)


class PetitionEventInline(ReadOnly, admin.TabularInline):
    model = PetitionEvent
    extra = 0
    fields = ("at", "action", "from_state", "to_state", "actor", "reason")


class PetitionTransferInline(ReadOnly, admin.TabularInline):
    model = PetitionTransfer
    extra = 0
    fields = ("at", "from_agency", "to_agency", "to_outside_body", "reason", "actor")


@admin.register(Petition)
class PetitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("code", "state", "channel", "track", "handling_agency", "received_at", "due_at")
    list_filter = ("state", "channel", "track", "content_type")
    search_fields = ("code", "sender_name", "sender_phone", "content")
    raw_id_fields = (
        "handling_agency",
        "concerned_agency",
        "field",
        "procedure",
        "sender_user",
        "merged_into",
        "follows",
    )
    inlines = [PetitionTransferInline, PetitionEventInline]


@admin.register(PetitionEvent)
class PetitionEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("petition", "at", "action", "from_state", "to_state", "actor")
    list_filter = ("action", "to_state")
    search_fields = ("petition__code",)


@admin.register(PetitionTransfer)
class PetitionTransferAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("petition", "at", "from_agency", "to_agency", "to_outside_body")
    search_fields = ("petition__code", "to_outside_body")


@admin.register(PetitionCounter)
class PetitionCounterAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("period", "value")


@admin.register(PetitionAttachment)
class PetitionAttachmentAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("petition", "name", "content_type", "size", "uploaded_at")
    search_fields = ("petition__code", "name")
