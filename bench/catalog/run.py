"""Catalogue search benchmark: p95 latency of ``procedure_search`` over 10,000 generated procedures.

Runs two legs, each in its own process against its own bench database (never the test or demo databases):
- SQLite:     var/bench/catalog.sqlite3
- PostgreSQL: database ``motcua_bench_catalog`` (BENCH_CATALOG_DATABASE_URL), bulk-loaded with COPY; skipped with
              a message when no server answers.
The data is generated once and reused by later runs (delete the file / drop the database to regenerate).
Target: p95 ≤ 50 ms.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import BENCH_PG_URL, ROOT, ensure_pg_database, migrate, setup_django  # noqa: E402

PROCEDURES = 10_000
TARGET_MS = 50.0
#: Its own PostgreSQL database beside bench/intake's ``motcua_bench``: the two benches' data never mix.
PG_URL = os.environ.get("BENCH_CATALOG_DATABASE_URL", BENCH_PG_URL.rsplit("/", 1)[0] + "/motcua_bench_catalog")
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'catalog.sqlite3'}"

QUERIES: list[dict[str, object]] = [
    {"q": "dang ky ho kinh doanh"},
    {"q": "Đăng ký hộ kinh doanh"},
    {"q": "giay phep xay dung"},
    {"q": "cấp lại giấy phép"},
    {"q": "khai sinh"},
    {"q": "dang ky ket hon"},
    {"q": "chung thuc ban sao"},
    {"q": "ly lich tu phap"},
    {"q": "thuoc la"},
    {"q": "lpg"},
    {"q": "giay phep lao dong nguoi nuoc ngoai"},
    {"q": "dang ki ho kinh doanhh"},
    {"q": "giay phep xay dungg nha o"},
    {"q": "chung thuc ban saoo"},
    {"q": "giayphep"},
    {"q": "kinh doa"},
    {"q": "9.001"},
    {"q": "9.00123"},
    {"q": "so tu phap"},
    {"q": "xac nhan", "level": "commune"},
    {"q": "giay chung nhan", "field": "BENCH-07"},
    {"q": "dang ky", "agency": "000.05.90.B99"},
    {"q": "", "online_level": "partial"},
    {"q": "", "page": 50},
    {"q": "cap giay chung nhan du dieu kien kinh doanh duoc doi voi nha thuoc"},
]


# --- the driver ---------------------------------------------------------------------------------------


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--leg":
        leg(sys.argv[2], sys.argv[3])
        return
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    legs = [("SQLite", SQLITE_URL)]
    try:
        ensure_pg_database(PG_URL)
        legs.append(("PostgreSQL", PG_URL))
    except Exception as exc:  # noqa: BLE001 - any connection failure means: no server
        print(f"PostgreSQL leg skipped: {PG_URL} unreachable ({exc.__class__.__name__})")
    results = []
    loads = []
    for name, url in legs:
        loads.append(f"{name} {os.getloadavg()[0]:.1f}")
        out = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, __file__, "--leg", name, url], capture_output=True, text=True, check=False
        )
        sys.stderr.write(out.stderr)
        if out.returncode != 0:
            print(out.stdout)
            raise SystemExit(f"{name} leg failed")
        results.append((name, json.loads(out.stdout.strip().splitlines()[-1])))
    print(f"Catalogue search over {PROCEDURES:,} procedures ({len(QUERIES)} queries x 12 runs), target p95 <= 50 ms")
    print(f"  (machine: {os.cpu_count()} CPUs, load average during the legs: {', '.join(loads)})")
    for name, f in results:
        verdict = "OK" if f["p95"] <= TARGET_MS else "OVER TARGET"
        print(
            f"  {name:<10} p50 {f['p50']:6.1f} ms   p95 {f['p95']:6.1f} ms   max {f['max']:6.1f} ms   "
            f"({f['samples']} searches)  {verdict}"
        )
        print(f"  {name:<10} slowest query: {f['slowest']}")
        where = "all the work" if name == "SQLite" else "the client's share only"
        print(f"  {name:<10} CPU time of this process per search, p95: {f['cpu_p95']:.1f} ms ({where})")
        if f["loaded"]:
            print(f"  {name:<10} generated and bulk-loaded the bench data in {f['loaded']:.1f} s")


# --- one leg (inside its own process, Django set up on the bench database) -------------------------------


def leg(name: str, url: str) -> None:
    setup_django(url)
    migrate()
    from bench.catalog.generate import ensure_data

    loaded = ensure_data(PROCEDURES, log=lambda message: sys.stderr.write(f"[{name}] {message}\n"))
    print(json.dumps({**measure(), "loaded": loaded}))


def measure() -> dict[str, object]:
    from motcua.catalog.search import procedure_search

    for query in QUERIES:  # warm-up: caches, the vocabulary, the database's pages
        procedure_search(**query)  # type: ignore[arg-type]
    rng = random.Random(42)
    runs = [q for q in QUERIES for _ in range(12)]
    rng.shuffle(runs)
    timings: list[tuple[float, str]] = []
    cpu: list[float] = []
    for query in runs:
        start, start_cpu = time.perf_counter(), time.process_time()
        procedure_search(**query)  # type: ignore[arg-type]
        timings.append(((time.perf_counter() - start) * 1000, json.dumps(query, ensure_ascii=False)))
        cpu.append((time.process_time() - start_cpu) * 1000)
    values = sorted(t for t, _q in timings)
    return {
        "p50": statistics.median(values),
        "p95": _p95(values),
        "max": values[-1],
        "cpu_p95": _p95(sorted(cpu)),
        "samples": len(values),
        "slowest": max(timings)[1],
    }


def _p95(values: list[float]) -> float:
    return values[int(round(0.95 * (len(values) - 1)))]


if __name__ == "__main__":
    main()
