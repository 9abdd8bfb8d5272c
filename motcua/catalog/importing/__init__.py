"""Import of the catalogue and internal processes from xlsx or JSON: every row checked, all or nothing.

``catalog_import(data, filename=...)`` reads the file, converts and checks every value, then applies the
records through the services inside one transaction; if any record fails, nothing is kept and
:class:`ImportFailed` lists every error with its row and column, in Vietnamese. Records already present with
the same content are left untouched, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from motcua.accounts.actors import Actor
from motcua.catalog.importing import messages, plans
from motcua.catalog.importing.applying import Applier
from motcua.catalog.importing.reading import Book, Issue, read_json, read_xlsx
from motcua.core.errors import ValidationFailed

#: Callback for a progress bar: (step name, done, total).
Progress = Callable[[str, int, int], None]


class ImportFailed(ValidationFailed):
    """Nothing was imported. ``issues`` says where and why, in Vietnamese."""

    code = "import_failed"

    def __init__(self, issues: list[Issue]) -> None:
        ordered = sorted(issues, key=Issue.sort_key)
        super().__init__(
            f"Không nhập được: {len(ordered)} lỗi, không có dữ liệu nào được ghi.",
            fields={"file": [str(issue) for issue in ordered]},
        )
        self.issues = ordered


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    records: int = 0

    @property
    def changed(self) -> bool:
        return any(self.counts.values())

    def summary(self) -> str:
        if not self.changed:
            return f"Đã kiểm tra {self.records} bản ghi: không có gì thay đổi."
        labels = {
            "fields": "lĩnh vực",
            "decisions": "quyết định",
            "versions": "phiên bản thủ tục",
            "publications": "lượt công bố",
            "processes": "quy trình nội bộ",
            "abolitions": "thủ tục bãi bỏ",
        }
        parts = [f"{count} {labels[key]}" for key, count in self.counts.items() if count]
        return f"Đã nhập {self.records} bản ghi; ghi mới hoặc thay đổi: " + ", ".join(parts) + "."


def read(data: bytes, filename: str, progress: Progress | None = None) -> Book:
    name = filename.lower()
    if name.endswith(".json"):
        return read_json(data)
    if name.endswith(".xlsx"):
        done = [0]

        def tick(n: int) -> None:
            done[0] += n
            if progress and done[0] % 500 == 0:
                progress("read", done[0], 0)

        return read_xlsx(data, progress=tick)
    return Book({}, [Issue(None, None, messages.vi("unknown_extension"))])


def catalog_import(
    data: bytes, *, filename: str, actor: Actor | None = None, progress: Progress | None = None, dry_run: bool = False
) -> ImportReport:
    """Import a catalogue file; raise :class:`ImportFailed` (and keep nothing) if anything is wrong.

    ``dry_run``: check everything exactly as an import would, then roll back.
    """
    book = read(data, filename, progress)
    issues = list(book.issues)
    if not book.issues and not any(book.rows.values()):
        issues.append(Issue(None, None, messages.vi("empty_file")))
    plan = plans.build(book.rows, issues) if book.rows else plans.Plan()
    total = plan.size()
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress("import", done[0], total)

    with transaction.atomic():
        applier = Applier(plan, actor=actor, progress=tick)
        applier.run()
        issues += applier.issues
        if issues:
            raise ImportFailed(issues)
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(counts=dict(applier.counts), records=total)


__all__ = ["ImportFailed", "ImportReport", "catalog_import"]
