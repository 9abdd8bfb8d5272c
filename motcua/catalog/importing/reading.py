"""Reading a catalogue file (xlsx or JSON) into typed rows that know their place in the file.

Every value is checked against its column (``columns.SHEETS``); every problem becomes an :class:`Issue` with
the sheet, row and column (xlsx) or the item path and key (JSON). Reading never stops at the first problem.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter

from motcua.catalog.importing import messages
from motcua.catalog.importing.columns import CHILDREN, FORMAT, SHEETS, TOP_LEVEL, Column

HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")
#: Columns of child rows that the JSON nesting makes implicit.
IMPLIED_IN_JSON = ("procedure", "version", "process_agency")


@dataclass(frozen=True, eq=False)
class Loc:
    """A row of a sheet (xlsx: its row number, columns by letter) or an item of an array (JSON: its path)."""

    sheet: str
    row: int
    path: str = ""
    letters: dict[str, str] = field(default_factory=dict)

    def describe(self, column: str | None = None) -> str:
        if self.path:
            where = f"Mục {self.path}"
            return f"{where}, trường “{column}”" if column else where
        where = f"Trang “{self.sheet}”, dòng {self.row}"
        if column:
            letter = self.letters.get(column)
            return f"{where}, cột {letter} ({column})" if letter else f"{where}, cột {column}"
        return where


@dataclass(frozen=True)
class Issue:
    loc: Loc | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.loc.describe(self.column)}: {self.message}" if self.loc else self.message

    def sort_key(self) -> tuple[int, str, int, str]:
        if self.loc is None:
            return (0, "", 0, "")
        order = list(SHEETS).index(self.loc.sheet) if self.loc.sheet in SHEETS else 99
        return (order, self.loc.path, self.loc.row, self.column or "")


@dataclass
class Row:
    sheet: str
    loc: Loc
    values: dict[str, Any]
    children: dict[str, list[Row]] = field(default_factory=dict)
    ok: bool = True


@dataclass
class Book:
    rows: dict[str, list[Row]]
    issues: list[Issue]


class ValueProblem(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# --- values ---------------------------------------------------------------------------------------------


def _text(value: Any, column: Column) -> str:
    if isinstance(value, float) and column.kind == "code" and value != int(value):
        text = f"{value:.6f}"  # a procedure code typed as a number in Excel: 1.004227
    elif isinstance(value, float) and value == int(value):
        text = str(int(value))
    elif isinstance(value, list | dict):
        raise ValueProblem("not_text")
    else:
        text = str(value)
    text = text.strip()
    if column.max_length and len(text) > column.max_length:
        raise ValueProblem("too_long", max=column.max_length)
    return text


def _int(value: Any, column: Column) -> int:
    if isinstance(value, bool):
        raise ValueProblem("not_int", value=value)
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueProblem("not_int", value=value)


def _decimal(value: Any, column: Column) -> Decimal:
    if isinstance(value, bool):
        raise ValueProblem("not_decimal", value=value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueProblem("not_decimal", value=value) from exc
    if not number.is_finite() or number < 0 or number != number.quantize(Decimal("0.01")):
        raise ValueProblem("not_decimal", value=value)
    return number.normalize() if number == number.to_integral() else number


def _date(value: Any, column: Column) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueProblem("not_date", value=value)


TRUE = {"true", "1", "x", "có", "co", "yes", "y"}
FALSE = {"false", "0", "không", "khong", "no", "n"}


def _bool(value: Any, column: Column) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueProblem("not_bool", value=value)


def _choice(value: Any, column: Column) -> str:
    text = str(value).strip()
    if text not in column.choices:
        raise ValueProblem("bad_choice", value=text, choices=", ".join(column.choices))
    return text


def _items(value: Any, separators: str) -> list[Any]:
    if isinstance(value, list):
        return value
    return [part for part in re.split(f"[{separators}]", str(value)) if part.strip()]


def _list(value: Any, column: Column) -> tuple[str, ...]:
    items = tuple(_text(item, Column(column.key, column.label, "code")) for item in _items(value, ";,\n"))
    for item in items:
        if column.choices and item not in column.choices:
            raise ValueProblem("bad_choice", value=item, choices=", ".join(column.choices))
    return items


def _lines(value: Any, column: Column) -> tuple[str, ...]:
    return tuple(_text(item, Column(column.key, column.label)) for item in _items(value, "\n"))


def _fee_rows(value: Any, column: Column) -> tuple[tuple[str, int], ...]:
    rows = []
    for item in _items(value, "\n"):
        if isinstance(item, dict):
            label, amount = item.get("label"), item.get("amount")
        else:
            label, _sep, amount = str(item).rpartition("=")
        if not label or amount in (None, ""):
            raise ValueProblem("bad_fee_row", value=item)
        try:
            number = _int(str(amount).strip().replace(".", "").replace(",", ""), column)
        except ValueProblem as exc:
            raise ValueProblem("bad_fee_row", value=item) from exc
        rows.append((str(label).strip(), number))
    return tuple(rows)


CONVERTERS: dict[str, Callable[[Any, Column], Any]] = {
    "text": _text,
    "code": _text,
    "int": _int,
    "decimal": _decimal,
    "date": _date,
    "bool": _bool,
    "choice": _choice,
    "list": _list,
    "lines": _lines,
    "fee_rows": _fee_rows,
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def convert(row: Row, issues: list[Issue], skip: tuple[str, ...] = ()) -> None:
    """Replace the raw values of ``row`` by typed ones (blank: absent); record every problem."""
    typed: dict[str, Any] = {}
    skipped = () if row.sheet in TOP_LEVEL else skip
    for column in SHEETS[row.sheet]:
        if column.key in skipped or column.read_only:
            continue
        raw = row.values.get(column.key)
        if _blank(raw):
            if column.required:
                issues.append(Issue(row.loc, column.key, messages.vi("required")))
                row.ok = False
            continue
        try:
            typed[column.key] = CONVERTERS[column.kind](raw, column)
        except ValueProblem as problem:
            issues.append(Issue(row.loc, column.key, messages.vi(problem.code, problem.params)))
            row.ok = False
    row.values = typed


# --- JSON -----------------------------------------------------------------------------------------------


def read_json(data: bytes) -> Book:
    issues: list[Issue] = []
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Book({}, [Issue(None, None, messages.vi("bad_json", {"error": exc}))])
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return Book({}, [Issue(None, None, messages.vi("bad_format"))])
    rows = {sheet: _json_rows(sheet, document.get(sheet, []), sheet, issues) for sheet in TOP_LEVEL}
    return Book(rows, issues)


def _json_rows(sheet: str, items: Any, path: str, issues: list[Issue]) -> list[Row]:
    if not isinstance(items, list):
        issues.append(Issue(Loc(sheet, 0, path), None, messages.vi("not_a_list")))
        return []
    rows = []
    keys = {c.key for c in SHEETS[sheet] if c.key not in IMPLIED_IN_JSON} | set(CHILDREN.get(sheet, ()))
    if sheet in TOP_LEVEL:
        keys |= {c.key for c in SHEETS[sheet]}  # "procedure" is a real column of abolitions
    for index, item in enumerate(items):
        loc = Loc(sheet, index + 1, f"{path}[{index}]")
        if not isinstance(item, dict):
            issues.append(Issue(loc, None, messages.vi("not_an_object")))
            continue
        allowed = ", ".join(sorted(keys))
        issues.extend(
            Issue(loc, key, messages.vi("unknown_column", {"value": key, "choices": allowed}))
            for key in sorted(set(item) - keys)
        )
        row = Row(sheet, loc, {k: v for k, v in item.items() if k not in CHILDREN.get(sheet, ())})
        convert(row, issues, skip=IMPLIED_IN_JSON)
        for child in CHILDREN.get(sheet, ()):
            row.children[child] = _json_rows(child, item.get(child, []), f"{loc.path}.{child}", issues)
        rows.append(row)
    return rows


# --- xlsx -----------------------------------------------------------------------------------------------


def read_xlsx(data: bytes, progress: Callable[[int], None] | None = None) -> Book:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return Book({}, [Issue(None, None, messages.vi("bad_xlsx", {"error": exc}))])
    issues: list[Issue] = []
    flat: dict[str, list[Row]] = {}
    try:
        for sheet in SHEETS:
            if sheet in workbook.sheetnames:
                flat[sheet] = list(_sheet_rows(sheet, workbook[sheet].iter_rows(values_only=True), issues, progress))
                for row in flat[sheet]:
                    convert(row, issues)
    finally:
        workbook.close()
    return Book(nest(flat, issues), issues)


def _header_key(cell: Any) -> str:
    text = str(cell or "").strip()
    match = HEADER_KEY.search(text)
    return match.group(1) if match else text


def _sheet_rows(
    sheet: str, rows: Iterator[tuple[Any, ...]], issues: list[Issue], progress: Callable[[int], None] | None
) -> Iterator[Row]:
    header = next(rows, None)
    if header is None:
        return
    keys = [_header_key(cell) for cell in header]
    known = {c.key for c in SHEETS[sheet]}
    letters = {key: get_column_letter(i + 1) for i, key in enumerate(keys) if key}
    header_loc = Loc(sheet, 1, letters=letters)
    for key in keys:
        if key and key not in known:
            choices = ", ".join(c.key for c in SHEETS[sheet])
            issues.append(Issue(header_loc, key, messages.vi("unknown_column", {"value": key, "choices": choices})))
        elif key and keys.count(key) > 1:
            issues.append(Issue(header_loc, key, messages.vi("duplicate_column", {"value": key})))
    for number, values in enumerate(rows, start=2):
        if progress:
            progress(1)
        if all(_blank(v) for v in values):
            continue
        yield Row(sheet, Loc(sheet, number, letters=letters), {k: v for k, v in zip(keys, values, strict=False) if k})


def nest(flat: dict[str, list[Row]], issues: list[Issue]) -> dict[str, list[Row]]:
    """Hang the child sheets under their procedure version (and steps under their process)."""
    procedures: dict[tuple[str, int], Row] = {}
    for row in flat.get("procedures", []):
        key = _key(row, ("code", "version"))
        if key is not None:
            procedures.setdefault(key, row)  # duplicates are reported when planning
        row.children = {child: [] for child in CHILDREN["procedures"]}
    processes: dict[tuple[str, int, str], Row] = {}
    for child in CHILDREN["procedures"]:
        for row in flat.get(child, []):
            key = _key(row, ("procedure", "version"))
            if key is None:
                continue  # the value problem is reported when the row is converted
            parent = procedures.get(key)
            if parent is None:
                issues.append(_orphan(row, "thủ tục", f"{key[0]} phiên bản {key[1]}"))
                continue
            parent.children[child].append(row)
            if child == "processes":
                processes.setdefault((key[0], key[1], _agency(row, "agency")), row)
                row.children = {"steps": []}
    for row in flat.get("steps", []):
        key = _key(row, ("procedure", "version"))
        if key is None:
            continue
        agency = _agency(row, "process_agency")
        process = processes.get((key[0], key[1], agency))
        if process is None:
            issues.append(_orphan(row, "quy trình", f"{key[0]} phiên bản {key[1]} {agency or '(mẫu chung)'}"))
        else:
            process.children["steps"].append(row)
    return {sheet: flat.get(sheet, []) for sheet in TOP_LEVEL}


def _agency(row: Row, key: str) -> str:
    return str(row.values.get(key, ""))


def _key(row: Row, names: tuple[str, str]) -> tuple[str, int] | None:
    """The (code, version) a converted row names; None when a value was wrong (already reported)."""
    code, number = row.values.get(names[0]), row.values.get(names[1])
    return (code, number) if row.ok and code and number is not None else None


def _orphan(row: Row, parent: str, value: str) -> Issue:
    row.ok = False
    return Issue(row.loc, None, messages.vi("orphan_row", {"parent": parent, "value": value}))
