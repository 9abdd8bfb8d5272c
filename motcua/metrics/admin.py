"""Admin of the index configuration: versioned parameters (a change is a new row with its valid-from date)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.admin import ReadOnly
from motcua.metrics.config import clear_cache
from motcua.metrics.models import Delta, DossierFact, JournalMark, Parameter, Total
from motcua.metrics.parameters import BY_KEY, PARAMS


class ParameterForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("parameter"), choices=[(p.key, p.key) for p in PARAMS])

    class Meta:
        model = Parameter
        fields = ["key", "valid_from", "value", "note"]
        help_texts = {
            "valid_from": _(
                "From this day on. Parameters that decide how a dossier is counted (supplement requests) apply to "
                "dossiers received from this day; a change of a row already in force needs `motcua metrics rebuild`."
            ),
            "value": _('A number (e.g. 6, 0.9) or, for the display rule, "truncate" or "round".'),
        }


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    form = ParameterForm
    list_display = ("key", "valid_from", "value", "meaning", "note", "created_by")
    list_filter = ("key",)
    search_fields = ("key", "note")
    date_hierarchy = "valid_from"

    @admin.display(description=_("meaning"))
    def meaning(self, obj: Parameter) -> str:
        param = BY_KEY.get(obj.key)
        return str(param.help) if param else ""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        clear_cache()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        clear_cache()


@admin.register(DossierFact)
class DossierFactAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: what each dossier currently contributes (written by the event subscriber and the rebuild)."""

    list_display = ("dossier", "agency_id", "received", "ended", "on_time", "overdue_from", "returned", "rated")
    list_filter = ("on_time", "rated", "satisfied", "synced")
    search_fields = ("dossier__code",)
    raw_id_fields = ("dossier",)


class _Aggregates(ReadOnly, admin.ModelAdmin):
    """Aggregates are derived data (kept by the event subscriber, rebuilt by `motcua metrics rebuild`): read-only."""

    list_filter = ("measure",)
    search_fields = ("agency_id",)


@admin.register(Delta)
class DeltaAdmin(_Aggregates):
    """The journal, folded rows included (append-only: the totals hold the rows before the mark)."""

    list_display = ("agency_id", "field_id", "procedure_id", "day", "measure", "delta", "tx")


@admin.register(JournalMark)
class JournalMarkAdmin(ReadOnly, admin.ModelAdmin):
    """How far the totals hold the journal (moved by the compactor only)."""

    list_display = ("id", "folded_below")


@admin.register(Total)
class TotalAdmin(_Aggregates):
    list_display = ("agency_id", "field_id", "procedure_id", "grain", "bucket", "measure", "value")
