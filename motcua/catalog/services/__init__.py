"""Every write to the catalogue. Keyword-only, typed, atomic; ``actor=None`` is the system (imports, demo)."""

from motcua.catalog.services.processes import process_approve, process_define, process_save_draft
from motcua.catalog.services.versions import (
    decision_create,
    decision_mark_public,
    field_save,
    procedure_abolish,
    procedure_create,
    version_create_draft,
    version_draft_from,
    version_publish,
    version_update_draft,
)

__all__ = [
    "decision_create",
    "decision_mark_public",
    "field_save",
    "procedure_abolish",
    "procedure_create",
    "process_approve",
    "process_define",
    "process_save_draft",
    "version_create_draft",
    "version_draft_from",
    "version_publish",
    "version_update_draft",
]
