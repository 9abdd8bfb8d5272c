"""Public service functions of the workcalendar app (see docs/workcalendar.md)."""

from motcua.workcalendar.services.calendars import (
    calendar_create,
    calendar_national_ensure,
    calendar_seed_statutory,
    calendar_update,
    entries_upsert,
    entry_create,
    entry_delete,
    entry_set_active,
    entry_update,
    preview_change,
)
from motcua.workcalendar.services.deadlines import (
    TRANSFER_CUTOFF,
    WorkingDuration,
    add_working_time,
    transfer_deadline,
    working_minutes,
    working_time_between,
)
from motcua.workcalendar.services.importing import entries_import, entries_parse
from motcua.workcalendar.services.recompute import (
    DeadlineInput,
    DeadlineProvider,
    bulk_due,
    count_changes,
    deadline_providers,
    recompute_deadlines,
)

__all__ = [
    "TRANSFER_CUTOFF",
    "DeadlineInput",
    "DeadlineProvider",
    "WorkingDuration",
    "add_working_time",
    "bulk_due",
    "calendar_create",
    "calendar_national_ensure",
    "calendar_seed_statutory",
    "calendar_update",
    "count_changes",
    "deadline_providers",
    "entries_import",
    "entries_parse",
    "entries_upsert",
    "entry_create",
    "entry_delete",
    "entry_set_active",
    "entry_update",
    "preview_change",
    "recompute_deadlines",
    "transfer_deadline",
    "working_minutes",
    "working_time_between",
]
