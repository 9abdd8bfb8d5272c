"""bench/pages: p95 server time of the staff queue page and the dossier page with 1,000,000 dossiers on PostgreSQL.

The data is bulk-loaded once (COPY, ``bench/pages/generate.py``) into its own database ``motcua_bench_pages``
(``BENCH_PAGES_DATABASE_URL``) and reused by later runs (drop the database to regenerate). Requests go through the
whole Django stack in-process (test client: middleware, session, templates), logged in as a desk officer of the
one-stop centre that receives for every department, a specialist and a leader of the largest department.
Target: p95 ≤ 100 ms.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import BENCH_PG_URL, clear_tables, ensure_pg_database, migrate, setup_django  # noqa: E402

DOSSIERS = int(os.environ.get("BENCH_PAGES_DOSSIERS", "1000000"))
PG_URL = os.environ.get("BENCH_PAGES_DATABASE_URL", BENCH_PG_URL.rsplit("/", 1)[0] + "/motcua_bench_pages")
TARGET_MS = 100.0
NEXT_LINK = re.compile(r'<a href="(\?[^"]*after=[^"]*)" rel="next"')
REQUESTS = int(os.environ.get("BENCH_PAGES_REQUESTS", "40"))


def prepare() -> None:
    ensure_pg_database(PG_URL)
    setup_django(PG_URL)
    migrate()
    from django.db import connection

    from bench.pages import generate
    from motcua.dossiers.models import Dossier

    ctx = generate.make_world()
    have = Dossier.objects.count()
    if have >= DOSSIERS:
        print(f"bench/pages: reusing {have:,} dossiers in {PG_URL.rsplit('/', 1)[1]}")
        return
    if have:
        with connection.cursor() as cursor:
            clear_tables(
                cursor,
                "TRUNCATE dossiers_dossier, dossiers_step, dossiers_dossierevent, dossiers_dossiercomponent,"
                " dossiers_feeline, dossiers_apology, dossiers_counter, dossiers_pause, dossiers_payment CASCADE",
            )
    import psycopg

    print(f"bench/pages: generating {DOSSIERS:,} dossiers (COPY), once")
    began = time.perf_counter()
    with psycopg.connect(PG_URL) as conn:
        generate.load(ctx, DOSSIERS, conn, dt.datetime.now(dt.UTC))
    print(f"bench/pages: loaded in {time.perf_counter() - began:.0f} s")


CPU: list[float] = []


def measure(client, paths: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    """Wall time per request (ms); the Django process's CPU time per request goes to ``CPU`` beside it."""
    times = []
    CPU.clear()
    for path in paths:
        began, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, math_ceil(len(values) * 0.95) - 1)]


def report(name: str, times: list[float]) -> float:
    p95 = _p95(times)
    cpu = f"  (Django CPU p50 {statistics.median(CPU):5.1f} ms)" if CPU else ""
    print(f"  {name:<46} n={len(times):>4}  p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms{cpu}")
    return p95


def math_ceil(x: float) -> int:
    return int(-(-x // 1))


def main() -> None:
    prepare()
    from django.db import connection
    from django.test import Client

    from motcua.accounts.models import User
    from motcua.dossiers.models import Dossier
    from motcua.orgs.models import Role, StaffRole

    desk = StaffRole.objects.filter(agency__code="000.00.01.H26", role=Role.DESK_OFFICER).first().user  # type: ignore[union-attr]
    specialist = User.objects.get(username="bench0.specialist")
    leader = User.objects.get(username="bench0.leader")
    rng = random.Random(7)
    worst = 0.0
    print(f"bench/pages: {Dossier.objects.count():,} dossiers; {REQUESTS} requests per line after warm-up")
    print(f"bench/pages: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows every line)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'dossier_open_due_idx'")
        proposed = cursor.fetchone() is not None
    print(f"bench/pages: proposed index dossier_open_due_idx {'present' if proposed else 'absent'}")
    control = Client()
    report("control: /healthz (one SELECT 1)", measure(control, ["/healthz"] * REQUESTS))
    queue_paths = {
        desk: ["/staff/", "/staff/?q=transfer", "/staff/?q=overdue", "/staff/?q=due_soon", "/staff/?q=waiting",
               "/staff/?q=return&channel=2", "/staff/?q=overdue&procedure=2.000815&date_from=2026-01-01"],
        specialist: ["/staff/?q=process", "/staff/?q=overdue"],
        leader: ["/staff/?q=sign", "/staff/?q=apology"],
    }  # fmt: skip
    for user, paths in queue_paths.items():
        client = Client()
        client.force_login(user)
        for path in paths:
            measure(client, [path] * 3)
            # the first page, then deeper pages through the keyset cursor
            times = measure(client, [path] * REQUESTS)
            worst = max(worst, report(f"queue {user.username} {path}", times))
        # the next pages through the keyset cursor (the "Next" link of each page)
        cursor_paths: list[str] = []
        path = paths[-1]
        while len(cursor_paths) < 20:
            found = NEXT_LINK.search(client.get(path).content.decode())
            if not found:
                break
            path = "/staff/" + html.unescape(found.group(1))
            cursor_paths.append(path)
        if cursor_paths:
            worst = max(worst, report(f"queue {user.username} next pages (keyset)", measure(client, cursor_paths * 3)))
    client = Client()
    client.force_login(leader)
    ids = list(
        Dossier.objects.filter(handling_agency__staff_roles__user=leader)
        .order_by("?")
        .values_list("pk", flat=True)[:REQUESTS]
    )
    measure(client, [f"/staff/ho-so/{pk}/" for pk in ids[:5]])
    worst = max(
        worst, report("dossier page (leader, random dossiers)", measure(client, [f"/staff/ho-so/{pk}/" for pk in ids]))
    )
    client = Client()
    client.force_login(desk)
    ids = [rng.randint(1, DOSSIERS) for _ in range(REQUESTS)]
    worst = max(
        worst, report("dossier page (desk, random dossiers)", measure(client, [f"/staff/ho-so/{pk}/" for pk in ids]))
    )
    verdict = "OK" if worst <= TARGET_MS else "ABOVE TARGET"
    print(f"bench/pages: worst p95 {worst:.1f} ms (target ≤ {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
