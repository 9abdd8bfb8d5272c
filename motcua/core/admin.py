"""Admin pieces shared by the apps (Django imports this module at start-up; it registers nothing)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class ReadOnly:
    """For a ``ModelAdmin`` or an inline of records only services write (history, derived data): shown, never
    added, changed or deleted in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
