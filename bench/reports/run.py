"""bench/reports: the yearly report of procedure handling for the province, over 1,000,000 dossiers.

Reuses the PostgreSQL database of bench/metrics (``motcua_bench_metrics``, BENCH_METRICS_DATABASE_URL), which
``bench/metrics/run.py`` creates and bulk-loads once (it runs before this one in ``make bench``); this bench only
reads it. For the province root of that bench (UBND thành phố Hà Nội, 000.00.00.H26: 20 departments and 122
wards) and the year 2025, it times, median of ``ROUNDS`` runs after one warm-up:

1. the report's data (``reports.services.handling_report``: the aggregates, the facts, the apologies);
2. the xlsx file (data + openpyxl write-only), the figure that matters;
3. the PDF file (data + WeasyPrint, A4 landscape).

and prints the rows, the file sizes and the best run beside the median.
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
    print()
    print(f"counted dossiers in the bench database: {facts:,}")
    print(f"yearly report {start:%d/%m/%Y}–{end:%d/%m/%Y} of {province.name} ({PROVINCE}) and its "
          f"{Agency.objects.filter(path__startswith=province.path).count() - 1} agencies: {len(report.rows):,} rows "
          f"(agency × field); received {total['received']:,} (carried over {total['carried_over']:,}, new "
          f"{total['new_online'] + total['new_counter'] + total['new_postal']:,}), resolved {total['resolved']:,}, "
          f"in progress {total['in_progress']:,}, withdrawn/stopped {total['withdrawn_stopped']:,}")  # fmt: skip
    for name, values, size in (("data only", data_s, None), ("xlsx (data + file)", xlsx_s, len(xlsx_bytes)),
                               ("PDF (data + file)", pdf_s, len(pdf_bytes))):  # fmt: skip
        extra = f", file {size / 1024:,.0f} KiB" if size is not None else ""
        print(f"  {name}: median {statistics.median(values) * 1000:,.0f} ms, best {min(values) * 1000:,.0f} ms "
              f"over {len(values)} runs{extra}")  # fmt: skip


if __name__ == "__main__":
    main()
