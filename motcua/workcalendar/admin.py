"""Admin of working calendars: calendars, their entries (edits go through the services) and a year's month grid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.workcalendar import selectors, services
from motcua.workcalendar.models import Calendar, CalendarEntry
from motcua.workcalendar.services.calendars import CALENDAR_FIELDS, ENTRY_FIELDS, check_base, check_weekdays
from motcua.workcalendar.statutory import FIRST_YEAR, LAST_YEAR


def _as_form_error(exc: ValidationFailed) -> ValidationError:
    return ValidationError({key: value for key, value in exc.fields.items() if key != "__all__"} or str(exc))


class CalendarForm(forms.ModelForm):
    class Meta:
        model = Calendar
        fields = ["code", "name", "agency", "base", *CALENDAR_FIELDS[1:]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            check_weekdays(data.get("working_weekdays") or "")
            check_base(self.instance, data.get("base"))
        except ValidationFailed as exc:
            raise _as_form_error(exc) from exc
        return data


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    form = CalendarForm
    list_display = ("code", "name", "agency", "base", "working_weekdays", "revision", "year_link")
    search_fields = ("code", "name", "agency__code", "agency__name")
    raw_id_fields = ("agency", "base")
    readonly_fields = ("revision",)

    @admin.display(description=_("year view"))
    def year_link(self, obj: Calendar) -> str:
        url = reverse("admin:workcalendar_calendar_year", args=[obj.pk, clock.today().year])
        return format_html('<a href="{}">{}</a>', url, clock.today().year)

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.year_view)
        return [
            path("<int:pk>/year/<int:year>/", view, name="workcalendar_calendar_year"),
            *super().get_urls(),
        ]

    def year_view(self, request: HttpRequest, pk: int, year: int) -> HttpResponse:
        calendar = get_object_or_404(Calendar, pk=pk)
        if not self.has_view_permission(request, calendar):
            raise PermissionDenied
        year = min(max(year, FIRST_YEAR), LAST_YEAR)
        engine = selectors.work_calendar(calendar)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": calendar,
            "calendar": calendar,
            "year": year,
            "previous": year - 1 if year > FIRST_YEAR else None,
            "next": year + 1 if year < LAST_YEAR else None,
            "months": selectors.year_grid(calendar, year),
            "days": selectors.year_days(engine, year, include_switched_off=True),
            "title": _("%(calendar)s — %(year)s") % {"calendar": calendar.name, "year": year},
        }
        return TemplateResponse(request, "admin/workcalendar/calendar/year.html", context)

    def save_model(self, request: HttpRequest, obj: Calendar, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in CALENDAR_FIELDS if name in form.cleaned_data}
        if change:
            saved = services.calendar_update(calendar=obj, base=form.cleaned_data.get("base"), **fields)
        else:
            fields.pop("name", None)
            saved = services.calendar_create(code=obj.code, name=obj.name, agency=obj.agency, base=obj.base, **fields)
        obj.pk = saved.pk


class EntryForm(forms.ModelForm):
    confirm_moves = forms.BooleanField(
        label=_("I have seen how many open deadlines this change moves"),
        required=False,
        help_text=_("Asked only when the change moves deadlines of open dossiers."),
    )

    class Meta:
        model = CalendarEntry
        fields = ["calendar", "date", *ENTRY_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or not data.get("calendar") and self.instance.pk is None:
            return data
        moved = sum(self._preview(data).values())
        if moved and not data.get("confirm_moves"):
            self.add_error(
                "confirm_moves",
                _("This change moves the deadlines of %(count)d open dossiers or steps. Tick the box to save it.")
                % {"count": moved},
            )
        return data

    def _preview(self, data: dict[str, Any]) -> dict[str, int]:
        fields = {name: data[name] for name in ENTRY_FIELDS if name in data}
        try:
            if self.instance.pk is not None:
                entry = CalendarEntry.objects.get(pk=self.instance.pk)
                return services.preview_change(
                    apply=lambda: services.entry_update(entry=entry, date=data["date"], **fields)
                )
            kind, name = fields.pop("kind"), fields.pop("name")
            return services.preview_change(
                apply=lambda: services.entry_create(
                    calendar=data["calendar"], date=data["date"], kind=kind, name=name, **fields
                )
            )
        except ValidationFailed:
            return {}  # the save reports the error itself


@admin.register(CalendarEntry)
class CalendarEntryAdmin(admin.ModelAdmin):
    form = EntryForm
    list_display = ("date", "weekday", "kind", "name", "decision_no", "confirmed", "is_active", "calendar")
    list_filter = ("calendar", "kind", "confirmed", "is_active")
    search_fields = ("name", "decision_no", "source")
    date_hierarchy = "date"
    ordering = ("-date",)
    actions = ("switch_on", "switch_off")

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarEntry) -> str:
        return str(date_format(obj.date, "D"))  # in the active language (strftime gives the English "Mon")

    def get_readonly_fields(self, request: HttpRequest, obj: CalendarEntry | None = None) -> tuple[str, ...]:
        return ("calendar",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: CalendarEntry, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in ENTRY_FIELDS if name in form.cleaned_data}
        if change:
            saved = services.entry_update(entry=obj, date=form.cleaned_data["date"], **fields)
        else:
            kind, name = fields.pop("kind"), fields.pop("name")
            saved = services.entry_create(calendar=obj.calendar, date=obj.date, kind=kind, name=name, **fields)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarEntry) -> None:
        services.entry_delete(entry=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarEntry]) -> None:
        for entry in queryset.select_related("calendar"):
            services.entry_delete(entry=entry)

    @admin.action(description=_("Switch the selected entries on"))
    def switch_on(self, request: HttpRequest, queryset: QuerySet[CalendarEntry]) -> None:
        self._switch(request, queryset, active=True)

    @admin.action(description=_("Switch the selected entries off"))
    def switch_off(self, request: HttpRequest, queryset: QuerySet[CalendarEntry]) -> None:
        self._switch(request, queryset, active=False)

    def _switch(self, request: HttpRequest, queryset: QuerySet[CalendarEntry], *, active: bool) -> None:
        count = 0
        for entry in queryset.exclude(is_active=active):
            services.entry_set_active(entry=entry, active=active)
            count += 1
        messages.success(request, _("%(count)d entries changed.") % {"count": count})
