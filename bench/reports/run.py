"""bench/reports: the yearly report of procedure handling for the province, over 1,000,000 dossiers.

Reuses the PostgreSQL database of bench/metrics (``motcua_bench_metrics``, BENCH_METRICS_DATABASE_URL), which
``bench/metrics/run.py`` creates and bulk-loads once (it runs before this one in ``make bench``); this bench only
reads it. For the province root of that bench (UBND thành phố Hà Nội, 000.00.00.H26: 20 departments and 122
wards) and the year 2025, it times, median of ``ROUNDS`` runs after one warm-up:

1. the report's data (``reports.services.handling_report``: the aggregates, the facts, the apologies);
2. the xlsx file (data + openpyxl write-only), the figure that matters;
3. the PDF file (data + WeasyPrint, A4 landscape).

and prints the rows, the file sizes and the best run beside the median; it fails unless the total row is the sum of
the rows and its counts are the index's for the same year.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import BENCH_PG_URL, setup_django  # noqa: E402

PG_URL = os.environ.get("BENCH_METRICS_DATABASE_URL", BENCH_PG_URL.rsplit("/", 1)[0] + "/motcua_bench_metrics")
PROVINCE = "000.00.00.H26"
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
ROUNDS = 5


def timed(fn: Callable[[], Any], rounds: int = ROUNDS) -> tuple[list[float], Any]:
    fn()  # warm-up: the first WeasyPrint render, the catalogue of fonts, the planner's statistics
    seconds, result = [], None
    for _ in range(rounds):
        began = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - began)
    return seconds, result


def _database_ready() -> int:
    import psycopg

    try:
        with psycopg.connect(PG_URL, connect_timeout=5) as conn:
            row = conn.execute("SELECT COUNT(*) FROM metrics_dossierfact").fetchone()
    except psycopg.Error as exc:
        print(f"bench/reports: the bench database is not ready ({exc.__class__.__name__}); run bench/metrics first")
        return 0
    return int(row[0]) if row else 0


def _agrees_with_index(province: Any, report: Any) -> bool:
    """The total row is the sum of the rows, and its counts are the index's (``measure_sums``) for the period."""
    from motcua.metrics.measures import M
    from motcua.metrics.scope import Scope
    from motcua.metrics.selectors import measure_sums
    from motcua.reports.table import KEYS

    t = report.total.values
    sums = measure_sums(scope=Scope(province), start=report.start, end=report.end)
    eve = report.start - dt.timedelta(days=1)
    before = measure_sums(scope=Scope(province), start=eve, end=eve)
    return all(t[k] == sum(r.values[k] for r in report.rows) for k in KEYS) and (
        t["new_online"] + t["new_counter"] + t["new_postal"] == sums.flow(M.RECEIVED)
        and t["carried_over"] == before.stock(M.OPEN)
        and t["resolved"] + t["withdrawn_stopped"] == sums.flow(M.FINISHED)
        and t["in_progress"] == sums.stock(M.OPEN)
        and t["in_progress_overdue"] == sums.stock(M.OPEN_OVERDUE)
    )


def main() -> None:
    facts = _database_ready()
    if facts < 1_000_000:
        print(f"bench/reports: {facts:,} counted dossiers in {PG_URL.rsplit('/', 1)[1]}; run bench/metrics first")
        sys.exit(1)
    setup_django(PG_URL)
    from django.utils import translation

    from motcua.orgs.models import Agency
    from motcua.reports import pdf, xlsx
    from motcua.reports.services import handling_report

    province = Agency.objects.get(code=PROVINCE)
    start, end = YEAR

    def data() -> Any:
        return handling_report(province, start, end)

    def as_xlsx() -> bytes:
        return xlsx.report_xlsx(handling_report(province, start, end))

    def as_pdf() -> bytes:
        return pdf.report_pdf(handling_report(province, start, end))

    with translation.override("vi"):
        data_s, report = timed(data)
        xlsx_s, xlsx_bytes = timed(as_xlsx)
        pdf_s, pdf_bytes = timed(as_pdf, rounds=3)
    total = report.total.values
    agrees = _agrees_with_index(province, report)
    print()
    print(f"counted dossiers in the bench database: {facts:,}")
    print(f"yearly report {start:%d/%m/%Y}–{end:%d/%m/%Y} of {province.name} ({PROVINCE}) and its "
          f"{Agency.objects.filter(path__startswith=province.path).count() - 1} agencies: {len(report.rows):,} rows "
          f"(agency × field); received {total['received']:,} (carried over {total['carried_over']:,}, new "
          f"{total['new_online'] + total['new_counter'] + total['new_postal']:,}), resolved {total['resolved']:,}, "
          f"in progress {total['in_progress']:,}, withdrawn/stopped {total['withdrawn_stopped']:,}")  # fmt: skip
    print(f"  totals = sum of the rows and = the index's counts for the year: {'yes' if agrees else 'NO'}")
    for name, values, size in (("data only", data_s, None), ("xlsx (data + file)", xlsx_s, len(xlsx_bytes)),
                               ("PDF (data + file)", pdf_s, len(pdf_bytes))):  # fmt: skip
        extra = f", file {size / 1024:,.0f} KiB" if size is not None else ""
        print(f"  {name}: median {statistics.median(values) * 1000:,.0f} ms, best {min(values) * 1000:,.0f} ms "
              f"over {len(values)} runs{extra}")  # fmt: skip
    if not agrees:
        sys.exit(1)


if __name__ == "__main__":
    main()
