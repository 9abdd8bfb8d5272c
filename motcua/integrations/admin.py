from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.integrations.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ("topic", "key", "status", "created_at", "sent_at", "attempts")
    list_filter = ("topic", "status")
    search_fields = ("key",)
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
