"""bench/metrics: the 766 index over 1,000,000 dossiers in PostgreSQL.

Prints: the per-event cost of the aggregate subscriber (target ≤ 1 ms) on dossiers made through the services, the
time of ``motcua metrics rebuild`` over every dossier, the p50/p95 of an index read for the province and for one
ward (target ≤ 200 ms), and Quận 9's 2020 rating figures (published: 31,751 / 29,322 = 92.34% / 29,245 = 99.73%).

The bench database ``motcua_bench_metrics`` (BENCH_METRICS_DATABASE_URL) is created, migrated and bulk-loaded (COPY)
once and reused by later runs; the few dossiers the event phase makes are replaced at each run.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import BENCH_PG_URL, ensure_pg_database, migrate, setup_django  # noqa: E402

PG_URL = os.environ.get("BENCH_METRICS_DATABASE_URL", BENCH_PG_URL.rsplit("/", 1)[0] + "/motcua_bench_metrics")
EVENT_DOSSIERS = 150
READS = 60
TARGET_READ_MS, TARGET_EVENT_MS = 200.0, 1.0


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _clear_event_dossiers(justice_id: int) -> None:
    """Remove the dossiers an earlier run made through the services (the bulk data never uses Sở Tư pháp)."""
    from django.db import connection

    tables = ["metrics_dossierfact", "ratings_rating", "dossiers_dossierevent", "dossiers_step", "dossiers_pause",
              "dossiers_dossiercomponent", "dossiers_dossierfile", "dossiers_feeline", "dossiers_payment",
              "dossiers_apology"]  # fmt: skip
    with connection.cursor() as cursor:
        ids = "SELECT id FROM dossiers_dossier WHERE handling_agency_id = %s"
        statements = [f"DELETE FROM {table} WHERE dossier_id IN ({ids})" for table in tables]
        statements.append("DELETE FROM dossiers_dossier WHERE handling_agency_id = %s")
        cursor.execute("SET session_replication_role = replica")  # past the events' append-only guard (superuser)
        try:
            for statement in statements:
                cursor.execute(statement, [justice_id])
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def event_cost() -> tuple[list[float], int]:
    """Dossiers through the services at frozen moments; the subscriber timed on every event batch."""
    from motcua.accounts.models import Applicant, User
    from motcua.catalog.models import ProcedureVersion
    from motcua.core import clock
    from motcua.dossiers import events
    from motcua.dossiers.services.intake import ComponentInput
    from motcua.dossiers.tests.factories import staff, vn
    from motcua.dossiers.tracking import tracking_token
    from motcua.metrics.services import recording
    from motcua.metrics.tests.helpers import decide, intake, return_result, transfer
    from motcua.orgs.models import Agency, Role
    from motcua.ratings.services import rating_submit

    centre, justice = Agency.objects.get(code="000.00.01.H26"), Agency.objects.get(code="000.00.10.H26")
    _clear_event_dossiers(justice.pk)
    version = ProcedureVersion.objects.get(procedure__code="2.000488", status="published")
    world = SimpleNamespace(
        version=version, citizen=Applicant.objects.get(id_number="001090012345"), desk=staff(centre, Role.DESK_OFFICER),
        specialist=staff(justice, Role.SPECIALIST, "HCTP"), leader=User.objects.get(username="giamdoc"),
        city=SimpleNamespace(centre=centre, justice=justice),
        components=lambda: [ComponentInput(component_id=c.pk, paper=True) for c in version.components.all()],
    )  # fmt: skip
    timings: list[float] = []
    counted = 0

    def timed(dossier: Any, batch: list[Any]) -> None:
        nonlocal counted
        began = time.perf_counter()
        recording.on_dossier_events(dossier, batch)
        timings.append((time.perf_counter() - began) * 1000)
        counted += len(batch)

    with events.events_written.replaced("metrics", timed):
        for n in range(EVENT_DOSSIERS):
            day = dt.date(2026, 3, 2) + dt.timedelta(days=7 * (n // 20) + n % 5)
            at = vn(day.year, day.month, day.day, 8 + n % 7, n % 60)
            dossier = intake(world, at)
            transfer(world, dossier, at + dt.timedelta(hours=1))
            decide(world, dossier, at + dt.timedelta(days=1))
            return_result(world, dossier, at + dt.timedelta(days=1, hours=2))
            with clock.frozen(at + dt.timedelta(days=1, hours=3)):
                rating_submit(
                    dossier_id=dossier.pk, channel="qr", token=tracking_token(dossier.code or ""), satisfied=True
                )
    return timings, counted


def reads(agency_code: str, periods: list[tuple[dt.date, dt.date]]) -> list[float]:
    from motcua.metrics.index import index_report
    from motcua.metrics.scope import Scope
    from motcua.orgs.models import Agency

    scope = Scope(Agency.objects.get(code=agency_code))
    for start, end in periods[:3]:  # warm the caches a long-running server has warm
        index_report(scope=scope, start=start, end=end)
    timings = []
    for i in range(READS):
        start, end = periods[i % len(periods)]
        began = time.perf_counter()
        index_report(scope=scope, start=start, end=end)
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    ensure_pg_database(PG_URL)
    setup_django(PG_URL)
    migrate()
    from django.db import connection

    from bench.metrics.generate import Q9_CODE, TOTAL, build_world, generate, ward_code
    from motcua.dossiers.models import Dossier
    from motcua.metrics.index import ratings_report
    from motcua.metrics.scope import Scope
    from motcua.metrics.services.rebuild import recount_all
    from motcua.orgs.models import Agency

    print("world and bulk data (generated once, reused) ...")
    world = build_world()
    generate(world)

    print(f"per-event aggregate cost: {EVENT_DOSSIERS} dossiers through the services (intake … rating) ...")
    timings, counted = event_cost()
    per_event = sum(timings) / counted

    dossiers = Dossier.objects.filter(received_at__isnull=False).count()
    print(f"rebuild over {dossiers:,} received dossiers ...")
    began = time.perf_counter()
    recount_all(progress=_bar)
    rebuild_s = time.perf_counter() - began
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE metrics_total")  # as autovacuum would after the load: index-only reads

    periods = [
        (dt.date(2025, 11, 1), dt.date(2025, 11, 30)),  # a month
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),  # a quarter
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),  # a year
        (dt.date(2025, 12, 2), dt.date(2025, 12, 31)),  # rolling 30 days
        (dt.date(2024, 3, 15), dt.date(2025, 3, 14)),  # rolling 12 months
        (dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # two years
    ]
    province = reads("000.00.00.H26", periods)
    ward = reads(ward_code(17), periods)
    q9 = ratings_report(scope=Scope(Agency.objects.get(code=Q9_CODE)), start=dt.date(2020, 1, 1),
                        end=dt.date(2020, 12, 31))  # fmt: skip

    print()
    print(f"dossiers in the bench database: {Dossier.objects.count():,} (bulk-loaded: {TOTAL:,})")
    print(f"per-event aggregate cost (subscriber, in the dossier's transaction): {per_event:.3f} ms per event "
          f"({counted} events in {len(timings)} batches; p95 per batch {_p(timings, 0.95):.3f} ms)"
          f"   target ≤ {TARGET_EVENT_MS:.0f} ms")  # fmt: skip
    print(f"rebuild (motcua metrics rebuild) of {dossiers:,} dossiers: {rebuild_s:.1f} s "
          f"({dossiers / rebuild_s:,.0f} dossiers/s)")  # fmt: skip
    for name, values in (("province 000.00.00.H26 (145 agencies)", province), (f"ward {ward_code(17)}", ward)):
        print(f"index read, {name}: p50 {statistics.median(values):.1f} ms, p95 {_p(values, 0.95):.1f} ms "
              f"over {len(values)} reads   target p95 ≤ {TARGET_READ_MS:.0f} ms")  # fmt: skip
    print(f"Quận 9, 2020: {q9['eligible']:,} returned, {q9['rated']:,} rated ({q9['rated_rate']}%), "
          f"{q9['satisfied']:,} satisfied ({q9['satisfied_rate']}%)   published: 31,751 / 29,322 (92.34%) / "
          f"29,245 (99.73%)")  # fmt: skip
    from config.celery import app

    app.control.purge()  # the compactions the event phase queued (no worker runs during the bench)


def _bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    print(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}", end="\n" if done >= total else "",
          flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
