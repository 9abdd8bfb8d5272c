"""Reading the aggregates: flows summed over a period, stocks at its last day, in one SQL statement.

The statement adds the folded totals (whole months from month rows, the partial months at the edges from day
rows) and the journal rows past the mark (not folded yet, ``motcua.metrics.journal``); being one statement it sees
one snapshot, so a compaction running at the same time never makes a row count twice or not at all. Its cost
depends on agencies × months × measures, never on the number of dossiers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from motcua.metrics import journal
from motcua.metrics.measures import PER_PROCEDURE, STOCKS, M
from motcua.metrics.models import Delta, Total
from motcua.metrics.scope import Scope
from motcua.orgs.models import Agency

Range = tuple[dt.date, dt.date]
EMPTY: Range = (dt.date(1, 1, 2), dt.date(1, 1, 1))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return next_month(day) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    """Which buckets answer a period: whole months, the edge days, and for stocks everything up to the end."""

    flow_months: Range
    flow_days: tuple[Range, Range]
    stock_months_to: dt.date
    stock_days: Range

    @classmethod
    def for_period(cls, start: dt.date, end: dt.date) -> Plan:
        first_full = start if start.day == 1 else next_month(start)
        last_full = month_start(end) if end == month_end(end) else month_start(month_start(end) - dt.timedelta(1))
        if first_full <= last_full:
            head = (start, first_full - dt.timedelta(1)) if start < first_full else EMPTY
            tail_start = month_end(last_full) + dt.timedelta(1)
            tail = (tail_start, end) if tail_start <= end else EMPTY
            flow_months, flow_days = (first_full, last_full), (head, tail)
        else:
            flow_months, flow_days = EMPTY, ((start, end), EMPTY)
        stock_days = (month_start(end), end) if end != month_end(end) else EMPTY
        return cls(flow_months, flow_days, last_full, stock_days)


@dataclass
class Sums:
    flows: dict[int, int] = field(default_factory=dict)
    stocks: dict[int, int] = field(default_factory=dict)
    #: per procedure measure: the procedures with a positive count in the period
    procedures: dict[int, set[int]] = field(default_factory=dict)

    def flow(self, measure: M) -> int:
        return self.flows.get(int(measure), 0)

    def stock(self, measure: M) -> int:
        return self.stocks.get(int(measure), 0)


def _in(values: frozenset[M]) -> str:
    return "(" + ", ".join(str(int(v)) for v in sorted(values)) + ")"


def _statement(
    scope: Scope, start: dt.date, end: dt.date, field_id: int | None, by_agency: bool
) -> tuple[str, list[Any]]:
    """The reading statement: each part is one range of the totals' read index (agency, field, grain, bucket);
    ``by_agency`` keeps the agency as the first column of the groups."""
    plan = Plan.for_period(start, end)
    total, delta = Total._meta.db_table, Delta._meta.db_table
    agencies, agency_params = scope.agency_sql()
    stocks = _in(STOCKS)
    journal_field = "" if field_id is None else " AND field_id = %s"
    unfolded, unfolded_params = journal.unfolded()
    agency = "agency_id, " if by_agency else ""

    def part(kind: str, grain: int, condition: str) -> str:
        return (
            f"SELECT {agency}'{kind}' AS kind, measure, procedure_id, value AS v FROM {total} "  # noqa: S608
            f"WHERE agency_id IN (SELECT id FROM sub) AND field_id = %s AND grain = {grain} AND {condition}"
        )

    between = "bucket BETWEEN %s AND %s"
    sql = f"""
        WITH sub AS ({agencies})
        SELECT {agency}kind, measure, procedure_id, SUM(v) FROM (
            {part("f", Total.MONTH, between)}
            UNION ALL {part("f", Total.DAY, between)}
            UNION ALL {part("f", Total.DAY, between)}
            UNION ALL {part("s", Total.STOCK_MONTH, "bucket <= %s")}
            UNION ALL {part("s", Total.STOCK_DAY, between)}
            UNION ALL
            SELECT {agency}CASE WHEN measure IN {stocks} THEN 's' ELSE 'f' END, measure, procedure_id, delta
              FROM {delta}
             WHERE {unfolded} AND agency_id IN (SELECT id FROM sub){journal_field} AND day <= %s
               AND (measure IN {stocks} OR day >= %s)
        ) x
        GROUP BY {agency}kind, measure, procedure_id
    """  # noqa: S608 - only table names and integer lists are formatted in
    f = field_id or 0
    params: list[Any] = [*agency_params]
    params += [f, *plan.flow_months]
    params += [f, *plan.flow_days[0], f, *plan.flow_days[1]]
    params += [f, plan.stock_months_to]
    params += [f, *plan.stock_days]
    params += [*unfolded_params] + ([] if field_id is None else [field_id]) + [end, start]
    return sql, params


def _sums(rows: Iterable[Sequence[Any]]) -> Sums:
    """(kind, measure, procedure, value) rows added up; a per-procedure measure keeps the procedures whose count
    is positive."""
    sums = Sums()
    procedures: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for kind, measure, procedure, value in rows:
        if measure in PER_PROCEDURE:
            procedures[measure][procedure] += int(value)
        elif kind == "s":
            sums.stocks[measure] = sums.stocks.get(measure, 0) + int(value)
        else:
            sums.flows[measure] = sums.flows.get(measure, 0) + int(value)
    sums.procedures = {m: {p for p, v in per.items() if v > 0} for m, per in procedures.items()}
    return sums


def measure_sums(*, scope: Scope, start: dt.date, end: dt.date, field_id: int | None = None) -> Sums:
    """Every measure for ``scope`` (and one field, if given): flows over [start, end], stocks at the end of ``end``."""
    sql, params = _statement(scope, start, end, field_id, by_agency=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _sums(cursor.fetchall())


def measure_sums_of_subtrees(
    *, parent: Agency, roots: Sequence[Agency], start: dt.date, end: dt.date
) -> dict[int, Sums]:
    """:func:`measure_sums` of each of ``roots`` (agencies of ``parent``'s tree, each with its whole subtree, as
    ``Scope(root)``), from one statement over ``parent``'s tree grouped by agency: a ranking of a province's 126
    communes is one read, not 126."""
    sql, params = _statement(Scope(parent), start, end, None, by_agency=True)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    under = {
        pk: [root.pk for root in roots if path.startswith(root.path)]
        for pk, path in Agency.objects.filter(path__startswith=parent.path).values_list("pk", "path")
    }
    by_root: dict[int, list[Sequence[Any]]] = {root.pk: [] for root in roots}
    for agency_id, *row in rows:
        for root_pk in under.get(agency_id, ()):
            by_root[root_pk].append(row)
    return {pk: _sums(found) for pk, found in by_root.items()}
