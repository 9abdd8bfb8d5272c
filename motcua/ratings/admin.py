"""Admin of ratings: kiosks (add one, then issue its pairing code), the versioned policy, ratings (read-only)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnly
from motcua.core.errors import DomainError
from motcua.ratings.models import Kiosk, Rating, RatingPolicy
from motcua.ratings.services import PAIRING_CODE_MINUTES, kiosk_issue_pairing_code


@admin.register(Kiosk)
class KioskAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "is_active", "paired_at", "current_dossier", "presented_at")
    list_filter = ("is_active",)
    search_fields = ("name", "agency__name", "agency__code")
    raw_id_fields = ("agency",)
    actions = ["issue_pairing_code"]

    @admin.action(description=_("Issue a pairing code (open /danh-gia/kiosk/ on the tablet and type it)"))
    def issue_pairing_code(self, request: HttpRequest, queryset: QuerySet[Kiosk]) -> None:
        for kiosk in queryset:
            try:
                code = kiosk_issue_pairing_code(actor=request.user, kiosk_id=kiosk.pk)
            except DomainError as exc:
                self.message_user(request, f"{kiosk}: {exc.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(kiosk)s: pairing code %(code)s, valid %(minutes)d minutes.")
                    % {"kiosk": kiosk, "code": code, "minutes": PAIRING_CODE_MINUTES},
                    messages.WARNING,
                )


@admin.register(RatingPolicy)
class RatingPolicyAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "replace_window_days", "note")


@admin.register(Rating)
class RatingAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: ratings are given through the portal, the kiosk and the desk page."""

    list_display = ("dossier", "satisfied", "channel", "rated_at", "is_current", "attitude")
    list_filter = ("satisfied", "channel", "is_current", "attitude")
    search_fields = ("dossier__code",)
    raw_id_fields = ("dossier", "replaces", "kiosk", "entered_by")
