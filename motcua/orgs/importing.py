"""`motcua orgs import FILE`: load an agency tree (agencies and units) from CSV or JSON.

Every row is validated first and every error reported with its row number; if any row is wrong nothing is
imported. Rows are upserted by identifier code, so importing the same file twice changes nothing.

Columns (CSV header, or JSON object keys): ``record`` (``agency`` — the default — or ``unit``), ``code``,
``name``, ``short_name``, ``kind``, ``parent`` (the parent agency's code; for a unit, its agency's code),
``admin_code``, ``address``, ``phone``, ``email``, ``is_active`` (1/0, true/false, có/không), ``valid_from``,
``valid_to`` (YYYY-MM-DD), ``replaces`` and ``serves`` (agency codes separated by ``;`` — JSON may use lists).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.orgs.identifiers import validate_identifier_code
from motcua.orgs.models import SERVING_KINDS, Agency, AgencyKind, Unit
from motcua.orgs.services import refresh_subtree_paths, tree_path_for

COLUMNS = (
    "record",
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "admin_code",
    "address",
    "phone",
    "email",
    "is_active",
    "valid_from",
    "valid_to",
    "replaces",
    "serves",
)
_TRUE = {"1", "true", "yes", "có", "co", "x"}
_FALSE = {"0", "false", "no", "không", "khong", ""}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    record: str
    values: dict[str, Any]


class OrgsImportFailed(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("; ".join(str(e) for e in report.errors))
        self.report = report


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, raw values) pairs; CSV rows are numbered as a spreadsheet shows them (header = 1)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        items = data.get("agencies", []) + data.get("units", []) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ValueError(_("The JSON file must hold a list of rows."))
        return [(i, item if isinstance(item, dict) else {}) for i, item in enumerate(items, start=1)]
    reader = csv.DictReader(io.StringIO(text))
    return [(i, dict(row)) for i, row in enumerate(reader, start=2)]


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    return str(value).strip()


def _codes(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in _text(raw, key).split(";") if part.strip()]


def _parse_row(number: int, raw: dict[str, Any], errors: list[RowError]) -> _Row:
    def err(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    unknown = sorted(set(raw) - set(COLUMNS))
    for column in unknown:
        err(column, _("unknown column"))
    record = _text(raw, "record") or "agency"
    values: dict[str, Any] = {
        "code": _text(raw, "code"),
        "name": _text(raw, "name"),
        "parent": _text(raw, "parent"),
    }
    if record not in ("agency", "unit"):
        err("record", _("must be “agency” or “unit”"))
    if not values["code"]:
        err("code", _("is required"))
    if not values["name"]:
        err("name", _("is required"))
    if record == "unit":
        if not values["parent"]:
            err("parent", _("a unit needs the code of its agency"))
        values["is_active"] = True
    if record == "agency":
        if values["code"]:
            try:
                validate_identifier_code(values["code"])
            except ValidationError as exc:
                err("code", exc.messages[0])
        kind = _text(raw, "kind")
        if kind not in AgencyKind.values:
            err(
                "kind",
                _("“%(kind)s” is not one of %(kinds)s") % {"kind": kind, "kinds": ", ".join(AgencyKind.values)},
            )
        values["kind"] = kind
        for key in ("short_name", "admin_code", "address", "phone", "email"):
            values[key] = _text(raw, key)
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                err("email", _("“%(value)s” is not an e-mail address") % {"value": values["email"]})
        for key in ("valid_from", "valid_to"):
            text = _text(raw, key)
            values[key] = None
            if text:
                try:
                    values[key] = dt.date.fromisoformat(text)
                except ValueError:
                    err(key, _("“%(value)s” is not a date of the form YYYY-MM-DD") % {"value": text})
        if values["valid_from"] and values["valid_to"] and values["valid_to"] < values["valid_from"]:
            err("valid_to", _("ends before valid_from"))
    active = _text(raw, "is_active").lower() if "is_active" in raw else "1"
    if active not in _TRUE | _FALSE:
        err("is_active", _("“%(value)s” is not yes/no") % {"value": active})
    values["is_active"] = active in _TRUE or ("is_active" not in raw)
    values["replaces"] = _codes(raw, "replaces")
    values["serves"] = _codes(raw, "serves")
    return _Row(number, record, values)


def validate(rows: list[tuple[int, dict[str, Any]]]) -> tuple[list[_Row], list[RowError]]:
    errors: list[RowError] = []
    parsed = [_parse_row(number, raw, errors) for number, raw in rows]
    agencies = [r for r in parsed if r.record == "agency"]
    units = [r for r in parsed if r.record == "unit"]
    seen: dict[str, int] = {}
    for row in agencies:
        code = row.values["code"]
        if code in seen:
            errors.append(RowError(row.number, "code", _("duplicate of row %(row)d") % {"row": seen[code]}))
        seen.setdefault(code, row.number)
    db_parent = dict(Agency.objects.values_list("code", "parent__code"))  # existing tree: code -> parent code
    parent_of = {**db_parent, **{r.values["code"]: r.values["parent"] or None for r in agencies}}
    known = set(parent_of)
    for row in agencies:
        parent = row.values["parent"]
        if parent and parent not in known:
            errors.append(RowError(row.number, "parent", _("no agency has the code %(code)s") % {"code": parent}))
        node, visited = row.values["code"], set()
        while node:
            if node in visited:
                errors.append(RowError(row.number, "parent", _("this parent makes a loop in the agency tree")))
                break
            visited.add(node)
            node = parent_of.get(node)
        for column in ("replaces", "serves"):
            for code in row.values[column]:
                if code not in known:
                    errors.append(RowError(row.number, column, _("no agency has the code %(code)s") % {"code": code}))
                elif code == row.values["code"]:
                    errors.append(RowError(row.number, column, _("an agency cannot name itself here")))
        if row.values["serves"] and row.values["kind"] not in SERVING_KINDS:
            errors.append(RowError(row.number, "serves", _("only a one-stop centre can serve other agencies")))
    unit_seen: dict[tuple[str, str], int] = {}
    for row in units:
        key = (row.values["parent"], row.values["code"])
        if row.values["parent"] and row.values["parent"] not in known:
            errors.append(
                RowError(
                    row.number,
                    "parent",
                    _("no agency has the code %(code)s") % {"code": row.values["parent"]},
                )
            )
        if key in unit_seen:
            errors.append(RowError(row.number, "code", _("duplicate of row %(row)d") % {"row": unit_seen[key]}))
        unit_seen.setdefault(key, row.number)
    return parsed, sorted(errors, key=lambda e: (e.row, e.column))


AGENCY_VALUE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "admin_code",
    "address",
    "phone",
    "email",
    "is_active",
    "valid_from",
    "valid_to",
)


def _apply(parsed: list[_Row], report: ImportReport) -> None:
    agencies = {r.values["code"]: r for r in parsed if r.record == "agency"}
    by_code: dict[str, Agency] = {a.code: a for a in Agency.objects.select_related("parent")}
    done: set[str] = set()

    def upsert(code: str) -> None:
        if code in done:
            return
        row = agencies[code]
        parent_code: str | None = row.values["parent"] or None
        if parent_code is not None and parent_code in agencies:
            upsert(parent_code)
        parent = by_code[parent_code] if parent_code else None
        agency = by_code.get(code)
        values = {key: row.values[key] for key in AGENCY_VALUE_FIELDS}
        if agency is None:
            agency = Agency(code=code, parent=parent, **values)
            agency.save()
            agency.path = tree_path_for(agency)
            agency.save(update_fields=["path"])
            by_code[code] = agency
            report.created += 1
        else:
            changed = [key for key, value in values.items() if getattr(agency, key) != value]
            moved = agency.parent_id != (parent.pk if parent else None)
            for key in changed:
                setattr(agency, key, values[key])
            if moved:
                agency.parent = parent
            if changed or moved:
                agency.save(update_fields=[*changed, "parent", "updated_at"])
                if moved:
                    refresh_subtree_paths(agency)
                report.updated += 1
            else:
                report.unchanged += 1
        done.add(code)

    for code in agencies:
        upsert(code)
    for code, row in agencies.items():
        agency = by_code[code]
        for column, manager in (("replaces", agency.predecessors), ("serves", agency.served_agencies)):
            wanted = {by_code[c].pk for c in row.values[column]}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
    for row in (r for r in parsed if r.record == "unit"):
        agency = by_code[row.values["parent"]]
        unit, created = Unit.objects.get_or_create(
            agency=agency, code=row.values["code"], defaults={"name": row.values["name"]}
        )
        if created:
            report.created += 1
        elif unit.name != row.values["name"]:
            unit.name = row.values["name"]
            unit.save(update_fields=["name", "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1


def import_rows(rows: list[tuple[int, dict[str, Any]]], *, dry_run: bool = False) -> ImportReport:
    """Validate every row; import all of them in one transaction, or none (raises OrgsImportFailed)."""
    report = ImportReport()
    with transaction.atomic():
        parsed, report.errors = validate(rows)
        if report.errors:
            raise OrgsImportFailed(report)
        _apply(parsed, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_file(path: Path, *, dry_run: bool = False) -> ImportReport:
    try:
        rows = read_rows(path)
    except (ValueError, UnicodeDecodeError, csv.Error) as exc:
        raise OrgsImportFailed(ImportReport(errors=[RowError(0, "-", str(exc))])) from exc
    return import_rows(rows, dry_run=dry_run)
