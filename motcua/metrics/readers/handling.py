"""The handling report's figures per (agency, field) that the index holds, in two grouped statements (read by
``motcua.reports``).

1. The index's aggregates (``metrics_total`` folded buckets plus the journal past the mark, exactly as
   ``metrics.selectors.measure_sums`` reads them, with the same :class:`~motcua.metrics.selectors.Plan`), grouped by
   agency and field instead of summed: the finished / on-time / early flows over the period, the open and
   open-overdue stocks at the period's last day, and the open stock at the day before it (carried over). Cost:
   agencies × fields × months × measures, never the number of dossiers.
2. What the aggregates do not split: new receptions by channel and the stops at the applicant's request (with
   their on-time and early flags), from the per-dossier fact table (``metrics_dossierfact``, which knows whether a
   dossier came online), and the postal receptions from the dossier rows received by post. One scan of the facts
   of the agencies in scope (the table has no index on the days; it is narrow).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection

from motcua.catalog.models import Field, ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.metrics import journal as journal_mark
from motcua.metrics.measures import STOCKS, M
from motcua.metrics.models import Delta, DossierFact, Total
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import Plan

Key = tuple[int, int]  # (agency id, field id)
#: Values per (agency, field), by name: ``f<measure>``, ``s<measure>``, ``c<measure>``, ``channel_<n>``, ``stopped…``.
Counts = dict[Key, dict[str, int]]
#: The aggregate measures the report reads.
MEASURES = (M.FINISHED, M.FINISHED_ON_TIME, M.FINISHED_EARLY, M.OPEN, M.OPEN_OVERDUE)
FLOW_MEASURES = tuple(m for m in MEASURES if m not in STOCKS)


def agency_list(scope: Scope) -> tuple[str, list[Any]]:
    """The scope's agency ids as a literal list: the planner then estimates the rows of each agency from the
    statistics (a ``path LIKE`` subquery is estimated at one agency, which led PostgreSQL to nested loops)."""
    ids = sorted(a.pk for a in scope.agencies()) or [-1]
    return ", ".join(["%s"] * len(ids)), list(ids)


def _in(values: tuple[M, ...] | frozenset[M]) -> str:
    return "(" + ", ".join(str(int(v)) for v in sorted(values)) + ")"


def grouped_measures(*, scope: Scope, start: dt.date, end: dt.date, field_id: int | None = None) -> Counts:
    """Per (agency, field): ``f<measure>`` the flow over [start, end], ``s<measure>`` the stock at the end of
    ``end`` and ``c<measure>`` the stock at the end of the day before ``start``."""
    plan = Plan.for_period(start, end)
    eve = start - dt.timedelta(days=1)
    before = Plan.for_period(eve, eve)
    total, delta = Total._meta.db_table, Delta._meta.db_table
    agencies, agency_params = scope.agency_sql()
    # One index range of the totals (agency, field, grain, bucket) per agency and field: the fields are listed
    # (``field_id <> 0`` would read every grain and bucket of the agency).
    fields = [field_id] if field_id is not None else list(Field.objects.values_list("pk", flat=True)) or [-1]
    field_condition = "field_id IN (" + ", ".join(["%s"] * len(fields)) + ")"
    field_params: list[Any] = list(fields)
    journal_field = "" if field_id is None else " AND field_id = %s"
    journal_params: list[Any] = [] if field_id is None else [field_id]
    flows, stocks = _in(FLOW_MEASURES), _in(STOCKS)

    def part(kind: str, grain: int, measures: str, condition: str) -> str:
        return (
            f"SELECT '{kind}' AS kind, agency_id, field_id, measure, value AS v FROM {total} "  # noqa: S608
            f"WHERE agency_id IN (SELECT id FROM sub) AND {field_condition} AND grain = {grain} "
            f"AND measure IN {measures} AND {condition}"
        )

    between = "bucket BETWEEN %s AND %s"

    unfolded, unfolded_params = journal_mark.unfolded()  # the journal rows past the mark, as the index reads them

    def journal(kind: str) -> str:
        return (
            f"SELECT '{kind}', agency_id, field_id, measure, delta FROM {delta} "  # noqa: S608
            f"WHERE {unfolded} AND agency_id IN (SELECT id FROM sub){journal_field}"
        )

    sql = f"""
        WITH sub AS ({agencies})
        SELECT kind, agency_id, field_id, measure, SUM(v) FROM (
            {part("f", Total.MONTH, flows, between)}
            UNION ALL {part("f", Total.DAY, flows, between)}
            UNION ALL {part("f", Total.DAY, flows, between)}
            UNION ALL {part("s", Total.STOCK_MONTH, stocks, "bucket <= %s")}
            UNION ALL {part("s", Total.STOCK_DAY, stocks, between)}
            UNION ALL {part("c", Total.STOCK_MONTH, stocks, "bucket <= %s")}
            UNION ALL {part("c", Total.STOCK_DAY, stocks, between)}
            UNION ALL {journal("f")} AND measure IN {flows} AND day BETWEEN %s AND %s
            UNION ALL {journal("s")} AND measure IN {stocks} AND day <= %s
            UNION ALL {journal("c")} AND measure IN {stocks} AND day <= %s
        ) x
        GROUP BY kind, agency_id, field_id, measure
    """  # noqa: S608 - only table names and integer lists are formatted in
    params: list[Any] = [*agency_params]
    params += [*field_params, *plan.flow_months]
    params += [*field_params, *plan.flow_days[0], *field_params, *plan.flow_days[1]]
    params += [*field_params, plan.stock_months_to, *field_params, *plan.stock_days]
    params += [*field_params, before.stock_months_to, *field_params, *before.stock_days]
    params += [*unfolded_params, *journal_params, start, end]
    params += [*unfolded_params, *journal_params, end, *unfolded_params, *journal_params, eve]
    out: dict[Key, dict[str, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, agency, field, measure, value in cursor.fetchall():
            values = out[(int(agency), int(field))]
            name = f"{kind}{int(measure)}"
            values[name] = values.get(name, 0) + int(value)
    return out


def fact_counts(
    *, scope: Scope, start: dt.date, end: dt.date, since: dt.datetime, until: dt.datetime, field_id: int | None = None
) -> Counts:
    """Per (agency, field): dossiers received in the period online, by post and at the counter (``channel_2``,
    ``channel_3``, ``channel_1``), and those stopped at the applicant's request in it (``stopped``,
    ``stopped_on_time``, ``stopped_early``), counted on the same facts as the index (reception day, end day).

    The facts carry ``online``; postal receptions (few) are read from the dossier rows received by post in
    [since, until) (the period's local midnights), so the fact table is scanned once and joined to nothing."""
    facts, dossiers, versions = DossierFact._meta.db_table, Dossier._meta.db_table, ProcedureVersion._meta.db_table
    agencies, agency_params = agency_list(scope)
    received = "f.received BETWEEN %s AND %s"
    stopped = "(f.ended BETWEEN %s AND %s AND f.decided IS NULL)"
    field_condition = "" if field_id is None else " AND f.field_id = %s"
    field_params: list[Any] = [] if field_id is None else [field_id]
    period = [start, end]
    by_facts = f"""
        SELECT f.agency_id, f.field_id, f.online,
               SUM(CASE WHEN {received} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {stopped} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {stopped} AND f.on_time THEN 1 ELSE 0 END),
               SUM(CASE WHEN {stopped} AND f.early THEN 1 ELSE 0 END)
          FROM {facts} f
         WHERE f.agency_id IN ({agencies}){field_condition} AND ({received} OR {stopped})
         GROUP BY f.agency_id, f.field_id, f.online
    """  # noqa: S608 - only table names are formatted in
    # Postal receptions from the dossier rows, grouped as the facts are: the lead agency, the version's field,
    # the reception moment within the period's local days.
    by_post = f"""
        SELECT d.handling_agency_id, v.field_id, COUNT(*)
          FROM {dossiers} d JOIN {versions} v ON v.id = d.procedure_version_id
         WHERE d.channel = 3 AND d.received_at >= %s AND d.received_at < %s
           AND d.handling_agency_id IN ({agencies}){field_condition.replace("f.", "v.")}
         GROUP BY d.handling_agency_id, v.field_id
    """  # noqa: S608 - only table names are formatted in
    out: dict[Key, dict[str, int]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(by_facts, [*period, *period, *period, *period, *agency_params, *field_params, *period, *period])
        for agency, field, online, n_received, n_stopped, n_on_time, n_early in cursor.fetchall():
            values = out[(int(agency), int(field))]
            for name, value in ((f"channel_{2 if online else 1}", n_received), ("stopped", n_stopped),
                                ("stopped_on_time", n_on_time), ("stopped_early", n_early)):  # fmt: skip
                values[name] = values.get(name, 0) + int(value or 0)
        cursor.execute(by_post, [since, until, *agency_params, *field_params])
        for agency, field, n_post in cursor.fetchall():
            values = out[(int(agency), int(field))]
            values["channel_3"] = int(n_post)
            values["channel_1"] = values.get("channel_1", 0) - int(n_post)
    return out
