"""Writes to calendars and their entries. Each bumps the calendar's revision, drops the cached engines and,
after commit, recomputes the deadlines that depend on the calendar (see ``recompute.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.orgs.models import Agency
from motcua.workcalendar import loader
from motcua.workcalendar.models import NATIONAL_CODE, Calendar, CalendarEntry, EntryKind
from motcua.workcalendar.services.recompute import count_changes, recompute_deadlines
from motcua.workcalendar.statutory import FIRST_YEAR, LAST_YEAR, legal_basis, statutory_days

CALENDAR_FIELDS = (
    "name",
    "statutory_holidays",
    "working_weekdays",
    "morning_start",
    "morning_end",
    "afternoon_start",
    "afternoon_end",
)
ENTRY_FIELDS = ("kind", "name", "decision_no", "decision_date", "source", "confirmed", "is_active")


def _full_clean(obj: Calendar | CalendarEntry, *, constraints: bool = True) -> None:
    try:
        obj.full_clean(validate_unique=constraints, validate_constraints=constraints)
    except ValidationError as exc:
        raise ValidationFailed(_("The data is not valid."), fields=exc.message_dict) from exc


def check_weekdays(value: str) -> None:
    if not value or any(c not in "1234567" for c in value) or len(set(value)) != len(value):
        raise ValidationFailed(
            _("Working weekdays are ISO numbers 1–7 without repeats, e.g. 12345."),
            code="bad_weekdays",
            fields={"working_weekdays": _("Use digits 1 (Monday) to 7 (Sunday), e.g. 12345.")},
        )


def check_base(calendar: Calendar, base: Calendar | None) -> None:
    node = base
    while node is not None:
        if calendar.pk is not None and node.pk == calendar.pk:
            raise ValidationFailed(
                _("A calendar cannot be based on itself or on a calendar derived from it."),
                code="calendar_loop",
                fields={"base": _("This would make a loop.")},
            )
        node = node.base


def changed(calendar: Calendar) -> None:
    """Record that ``calendar``'s days changed: new revision, caches dropped, dependants recomputed."""
    Calendar.objects.filter(pk=calendar.pk).update(revision=F("revision") + 1)
    loader.invalidate()
    calendar_id = calendar.pk
    transaction.on_commit(loader.invalidate)
    transaction.on_commit(lambda: recompute_deadlines(calendar_id=calendar_id))


@transaction.atomic
def calendar_create(
    *,
    code: str,
    name: str,
    agency: Agency | None = None,
    base: Calendar | None = None,
    **fields: Any,
) -> Calendar:
    """A new calendar. An agency calendar is based on the national one unless ``base`` says otherwise."""
    unknown = set(fields) - set(CALENDAR_FIELDS)
    if unknown:
        raise TypeError(f"unknown calendar fields: {sorted(unknown)}")
    if base is None and agency is not None:
        base = Calendar.objects.filter(code=NATIONAL_CODE).first()
    calendar = Calendar(code=code, name=name, agency=agency, base=base, **fields)
    check_weekdays(calendar.working_weekdays)
    _full_clean(calendar)
    calendar.save()
    changed(calendar.base or calendar)
    return calendar


@transaction.atomic
def calendar_update(*, calendar: Calendar, base: Calendar | None | object = ..., **fields: Any) -> Calendar:
    calendar = Calendar.objects.select_for_update().get(pk=calendar.pk)
    unknown = set(fields) - set(CALENDAR_FIELDS)
    if unknown:
        raise TypeError(f"unknown calendar fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(calendar, key, value)
    if base is not ...:
        if base is not None and not isinstance(base, Calendar):
            raise TypeError("base must be a Calendar or None")
        check_base(calendar, base)
        calendar.base = base
    check_weekdays(calendar.working_weekdays)
    _full_clean(calendar)
    calendar.save()
    changed(calendar)
    return calendar


@transaction.atomic
def calendar_national_ensure() -> Calendar:
    """The national default calendar, created with the default sessions when missing."""
    calendar = Calendar.objects.filter(code=NATIONAL_CODE).first()
    if calendar is None:
        calendar = calendar_create(code=NATIONAL_CODE, name="Lịch làm việc quốc gia")
    return calendar


def _kind(value: str) -> EntryKind:
    try:
        return EntryKind(value)
    except ValueError:
        raise ValidationFailed(
            _("Unknown kind of calendar entry: %(kind)s.") % {"kind": value},
            code="unknown_kind",
            fields={"kind": _("Choose holiday, compensatory, swapped_off or swapped_working.")},
        ) from None


def _entry_fields(fields: dict[str, Any], allowed: set[str]) -> dict[str, Any]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown entry fields: {sorted(unknown)}")
    if "kind" in fields:
        fields["kind"] = _kind(fields["kind"])
    return fields


def _entry_write(entry: CalendarEntry, fields: dict[str, Any], *, constraints: bool = True) -> CalendarEntry:
    for key, value in fields.items():
        setattr(entry, key, value)
    _full_clean(entry, constraints=constraints)
    entry.save()
    return entry


@transaction.atomic
def entry_create(*, calendar: Calendar, date: dt.date, kind: str, name: str, **fields: Any) -> CalendarEntry:
    fields = _entry_fields({"kind": kind, "name": name, **fields}, {*ENTRY_FIELDS})
    entry = _entry_write(CalendarEntry(calendar=calendar, date=date), fields)
    changed(calendar)
    return entry


@transaction.atomic
def entry_update(*, entry: CalendarEntry, **fields: Any) -> CalendarEntry:
    fields = _entry_fields(fields, {*ENTRY_FIELDS, "date"})
    entry = _entry_write(CalendarEntry.objects.select_for_update().get(pk=entry.pk), fields)
    changed(entry.calendar)
    return entry


def entry_set_active(*, entry: CalendarEntry, active: bool) -> CalendarEntry:
    """Switch an entry on or off (off: no effect, and the date is an ordinary day)."""
    return entry_update(entry=entry, is_active=active)


@transaction.atomic
def entry_delete(*, entry: CalendarEntry) -> None:
    calendar = entry.calendar
    CalendarEntry.objects.filter(pk=entry.pk).delete()
    changed(calendar)


@transaction.atomic
def entries_upsert(*, calendar: Calendar, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Create or update ``calendar``'s entry on each row's ``date`` (one revision for all); returns
    (created, updated)."""
    existing = {e.date: e for e in CalendarEntry.objects.select_for_update().filter(calendar=calendar)}
    created = updated = 0
    for row in rows:
        fields = _entry_fields(dict(row), {*ENTRY_FIELDS, "date"})
        entry = existing.get(fields["date"])
        if entry is None:
            entry = CalendarEntry(calendar=calendar)
            created += 1
        else:
            updated += 1
        # one entry per date is kept by ``existing`` (the database constraint stays as the backstop)
        existing[fields["date"]] = _entry_write(entry, fields, constraints=False)
    if rows:
        changed(calendar)
    return created, updated


@transaction.atomic
def calendar_seed_statutory(*, calendar: Calendar, year: int) -> int:
    """Write the computed statutory days of ``year`` as unconfirmed entries (dates already holding an entry
    are left alone), so that an administrator can correct them from the year's announcement."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(
            _("Statutory holidays are computed for %(first)s–%(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="out_of_range",
            fields={"year": _("Out of range.")},
        )
    taken = set(CalendarEntry.objects.filter(calendar=calendar, date__year=year).values_list("date", flat=True))
    created = []
    for day, stat in sorted(statutory_days().items()):
        if day.year != year or day in taken:
            continue
        entry = CalendarEntry(
            calendar=calendar,
            date=day,
            kind=EntryKind.COMPENSATORY if stat.compensatory else EntryKind.HOLIDAY,
            name=stat.name[:200],
            source=legal_basis(year),
            confirmed=False,
        )
        _full_clean(entry, constraints=False)
        created.append(entry)
    CalendarEntry.objects.bulk_create(created)
    if created:
        changed(calendar)
    return len(created)


def preview_change(*, apply: Callable[[], object]) -> dict[str, int]:
    """Run ``apply`` (an entry change) in a savepoint, count the deadlines it would move, and undo it.

    Used by the admin to show how many open deadlines a calendar change moves before it is saved.
    """

    counts: dict[str, int] = {}
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            result = apply()
            calendar_id = getattr(result, "calendar_id", None)
            loader.invalidate()
            if calendar_id is not None:
                counts = count_changes(calendar_id=calendar_id)
        finally:
            transaction.savepoint_rollback(savepoint)
            loader.invalidate()
    return counts
