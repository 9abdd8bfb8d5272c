"""Working calendars and their dated entries (holidays, compensatory days, swaps).

A calendar's days are, in order of precedence: its own active entries, then those of its ``base`` calendar
(recursively), then the statutory holidays of the Labour Code (computed, see ``statutory.py``), then the weekly
pattern. An entry that is switched off has no effect and also cancels a computed statutory day on its date.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel

#: Code of the national default calendar.
NATIONAL_CODE = "national"


class EntryKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday")
    COMPENSATORY = "compensatory", _("Compensatory day off")
    SWAPPED_OFF = "swapped_off", _("Swapped day off")
    SWAPPED_WORKING = "swapped_working", _("Swapped working day")


#: Kinds whose day is a working day (the others are days off).
WORKING_KINDS = frozenset({EntryKind.SWAPPED_WORKING})


class Calendar(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    agency = models.OneToOneField(
        "orgs.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_calendar",
        help_text=_("The agency (and its sub-agencies without a calendar of their own) using this calendar."),
    )
    base = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived",
        help_text=_("Entries of the base calendar apply unless this calendar has an entry on the same date."),
    )
    statutory_holidays = models.BooleanField(
        _("statutory holidays"),
        default=True,
        help_text=_("Add the Labour Code holidays computed for years without an entry on those dates."),
    )
    working_weekdays = models.CharField(
        _("working weekdays"),
        max_length=7,
        default="12345",
        help_text=_("ISO weekday numbers of the working week: 1 = Monday … 7 = Sunday. Default 12345."),
    )
    morning_start = models.TimeField(_("morning session opens"), default=dt.time(7, 30))
    morning_end = models.TimeField(_("morning session closes"), default=dt.time(11, 30))
    afternoon_start = models.TimeField(_("afternoon session opens"), default=dt.time(13, 0))
    afternoon_end = models.TimeField(_("afternoon session closes"), default=dt.time(17, 0))
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="calendar_sessions_in_order",
            ),
            models.CheckConstraint(condition=~Q(base=F("pk")), name="calendar_not_own_base"),
        ]

    def __str__(self) -> str:
        return self.name


class CalendarEntry(TimeStampedModel):
    calendar = models.ForeignKey(Calendar, verbose_name=_("calendar"), on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Tết Nguyên đán, Quốc khánh."))
    decision_no = models.CharField(_("decision number"), max_length=60, blank=True, help_text=_("e.g. 2450/VPCP-KGVX."))
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    source = models.TextField(_("source note"), blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Checked against the announcing decision or an official reproduction of it."),
    )
    is_active = models.BooleanField(
        _("in effect"),
        default=True,
        help_text=_("Switched off: the entry has no effect and the date is an ordinary day."),
    )

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="calendar_entry_one_per_date"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EntryKind]), name="calendar_entry_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}: {self.name}"

    @property
    def is_working(self) -> bool:
        return self.kind in WORKING_KINDS
