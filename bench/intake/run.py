"""bench/intake: counter intake (submit + receive in one transaction) per second on PostgreSQL.

Two client processes receive dossiers at several desks over several days through the real service
(`dossier_intake_at_desk`). Beside it, in the same run, the same rows are written by raw psycopg in one
transaction per dossier; the ratio ORM/raw is printed. Targets: ≥ 500 dossiers/s and ratio ≥ 0.35.
The bench database (`motcua_bench`) is created and migrated once and reused; the bench's dossiers are deleted
before each run.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.common import BENCH_PG_URL, clear_tables, ensure_pg_database, migrate, setup_django  # noqa: E402

PROCESSES = 2
PER_PROCESS = 600
ROUNDS = 3
WARMUP = 20


DESKS = 8


def _world() -> None:
    """Eight departments, each receiving at its own desk, with a published procedure and an approved process
    (created once in the bench database, reused by later runs)."""
    from motcua.catalog.services import process_define
    from motcua.catalog.tests.factories import make_field, process_content, published, step
    from motcua.dossiers.tests.factories import make_world
    from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole, Unit
    from motcua.orgs.services import agency_create, unit_create

    if Agency.objects.filter(code="000.00.27.H26").exists():
        return
    world = make_world()
    codes = []
    for n in range(DESKS):
        code = f"000.00.{20 + n}.H26"
        dept = agency_create(
            code=code, name=f"Sở thử nghiệm {n + 1}", kind=AgencyKind.DEPARTMENT, parent=world.city.province
        )
        mc = unit_create(agency=dept, code="MC", name="Bộ phận một cửa")
        hc = unit_create(agency=dept, code="HCTP", name="Phòng chuyên môn")
        for unit, role in ((mc, Role.DESK_OFFICER), (hc, Role.SPECIALIST), (hc, Role.LEADER)):
            from motcua.accounts.models import User

            user = User.objects.create(username=f"bench{n}.{role}", full_name="Cán bộ")
            StaffRole.objects.create(user=user, agency=dept, unit=unit, role=role)
        codes.append(code)
    make_field("TP-CT", "Chứng thực", "Tư pháp")
    version = published(
        code="2.000815", agency_codes=tuple(codes), field_code="TP-CT", name="Chứng thực bản sao từ bản chính"
    )
    steps = (
        step("receive", "desk_officer", "4", unit="MC"),
        step("appraise", "specialist", "8", unit="HCTP"),
        step("decide", "leader", "4", unit="HCTP"),
        step("return", "desk_officer", "4", unit="MC"),
    )
    for code in codes:
        process_define(version=version, agency=Agency.objects.get(code=code), content=process_content(steps))
    _ = Unit


def _clear() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        clear_tables(
            cursor,
            "TRUNCATE dossiers_dossier, dossiers_dossiercomponent, dossiers_feeline, dossiers_step, dossiers_dossierevent,"
            " dossiers_pause, dossiers_payment, dossiers_apology, dossiers_dossierfile, dossiers_storedfile, dossiers_blob,"
            " dossiers_counter, integrations_outboxmessage, metrics_dossierfact, metrics_delta, metrics_total"
            " RESTART IDENTITY CASCADE",
        )


def _orm_worker(index: int, count: int, start_evt, out) -> None:  # type: ignore[no-untyped-def]
    setup_django()
    import datetime as dt

    from django.db import connection

    from motcua.accounts.models import Applicant
    from motcua.catalog.models import ProcedureVersion
    from motcua.core import clock
    from motcua.dossiers.services.intake import ComponentInput
    from motcua.dossiers.services.reception import dossier_intake_at_desk
    from motcua.dossiers.tests.factories import staff
    from motcua.orgs.models import Agency, Role

    version = ProcedureVersion.objects.get(procedure__code="2.000815", status="published")
    mine = [Agency.objects.get(code=f"000.00.{20 + n}.H26") for n in range(index, DESKS, PROCESSES)]
    desks = [(agency, staff(agency, Role.DESK_OFFICER)) for agency in mine]
    applicant = Applicant.objects.order_by("pk")[0]
    components = [ComponentInput(component_id=c.pk, paper=True) for c in version.components.all()]
    days = [dt.date(2026, 3, 2) + dt.timedelta(days=d) for d in range(28)]
    days = [d for d in days if d.weekday() < 5]

    def one(i: int) -> None:
        day = days[(i // len(desks)) % len(days)]
        agency, desk = desks[i % len(desks)]
        moment = dt.datetime.combine(day, dt.time(8 + i % 8, (i * 7) % 60), tzinfo=clock.VN_TZ)
        with clock.frozen(moment):
            dossier_intake_at_desk(
                actor=desk, version=version, applicant=applicant, handling_agency=agency, receiving_agency=agency,
                components=components,
            )  # fmt: skip

    for i in range(WARMUP):
        one(10_000 + i)
    start_evt.wait()
    began = time.perf_counter()
    for i in range(count):
        one(i)
    out.put(time.perf_counter() - began)
    connection.close()


RAW_SQL = {
    "counter": (
        "INSERT INTO dossiers_counter (agency_id, kind, period, value) VALUES (%s, %s, %s, 1) "
        "ON CONFLICT (agency_id, kind, period) DO UPDATE SET value = dossiers_counter.value + 1 RETURNING value"
    ),
    "dossier": (
        "INSERT INTO dossiers_dossier (reference, code, version, state, procedure_version_id, receiving_agency_id,"
        " handling_agency_id, applicant_id, channel, postal_tracking_no, sets, note, limit_amount, limit_unit, fee_total,"
        " created_at, submitted_at, received_at, clock_start_at, due_at, appointment_at, transfer_due_at, outcome,"
        " decision_reason, return_method, supplement_requests, register_year, register_no)"
        " VALUES (%s, %s, 3, 'received', %s, %s, %s, %s, 1, '', 1, '', 2.5, 'working_day', 200000, now(), now(), now(),"
        " now(), now(), now(), now(), '', '', '', 0, 2026, %s) RETURNING id"
    ),
    "component": (
        "INSERT INTO dossiers_dossiercomponent (dossier_id, component_id, name, originals, certified_copies, copies,"
        " reused, paper) VALUES (%s, %s, 'Tờ khai', 1, 0, 0, false, true)"
    ),
    "fee": "INSERT INTO dossiers_feeline (dossier_id, fee_id, name, amount) VALUES (%s, %s, 'Lệ phí', 200000)",
    "step": (
        "INSERT INTO dossiers_step (dossier_id, position, kind, agency_id, role, parallel_group, description,"
        " duration_minutes, status, due_at, is_consultation, notes) VALUES (%s, %s, 'appraise', %s, 'specialist', '', '',"
        " 240, 'pending', now(), false, '')"
    ),
    "event": (
        "INSERT INTO dossiers_dossierevent (dossier_id, seq, at, action, from_state, to_state, reason, payload,"
        " prev_hash, hash) VALUES (%s, %s, %s, 'receive', 'submitted', 'received', '', '{}', %s, %s)"
    ),
    "fact": (
        "INSERT INTO metrics_dossierfact (dossier_id, agency_id, field_id, procedure_id, due_at, received, on_time,"
        " early, work_minutes, full_eligible, online, with_fees, digitised, components_digitised, reused,"
        " result_file, paid_online, paid_national, synced, rated, satisfied, timeliness) VALUES (%s, %s, 1, 1, now(),"
        " current_date, false, false, 0, false, false, true, false, false, false, false, false, false, false, false,"
        " false, '')"
    ),
    "outbox": (
        "INSERT INTO integrations_outboxmessage (topic, key, payload, status, created_at, available_at, attempts,"
        " last_error) VALUES ('portal.dossier_status', %s, %s, 'pending', now(), now(), 0, '')"
    ),
}


def _raw_worker(index: int, count: int, ids: dict, per_dossier: dict, start_evt, out) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import json

    import psycopg

    from motcua.dossiers.audit.hashing import GENESIS, content_hash

    with psycopg.connect(BENCH_PG_URL) as conn:
        start_evt.wait()
        began = time.perf_counter()
        for i in range(count):
            with conn.transaction():
                cur = conn.cursor()
                desk = ids["desks"][index::PROCESSES][i % (DESKS // PROCESSES)]
                period = f"2604{(i // DESKS) % 20:02d}"
                number = cur.execute(RAW_SQL["counter"], (desk, "rawcode", period)).fetchone()[0]  # type: ignore[index]
                line = cur.execute(RAW_SQL["counter"], (desk, "rawreg", "2026")).fetchone()[0]  # type: ignore[index]
                ref = f"RAW{index}{i:08d}"
                dossier_id = cur.execute(
                    RAW_SQL["dossier"],
                    (
                        ref,
                        f"RAW-{desk}-{period}-{number:04d}",
                        ids["version"],
                        desk,
                        desk,
                        ids["applicant"],
                        line + 1_000_000,
                    ),
                ).fetchone()[0]  # type: ignore[index]
                for _ in range(per_dossier["component"]):
                    cur.execute(RAW_SQL["component"], (dossier_id, ids["component"]))
                for _ in range(per_dossier["fee"]):
                    cur.execute(RAW_SQL["fee"], (dossier_id, ids["fee"]))
                for p in range(per_dossier["step"]):
                    cur.execute(RAW_SQL["step"], (dossier_id, p + 1, desk))
                # each event a link of the dossier's hash chain, hashed as the service does
                prev, now = GENESIS, dt.datetime.now(dt.UTC)
                for seq in range(1, per_dossier["event"] + 1):
                    digest = content_hash(
                        dossier_id=dossier_id, seq=seq, at=now, actor_id=None, action="receive",
                        from_state="submitted", to_state="received", reason="", payload={}, prev_hash=prev,
                    )  # fmt: skip
                    cur.execute(RAW_SQL["event"], (dossier_id, seq, now, prev, digest))
                    prev = digest
                for _ in range(per_dossier["outbox"]):
                    cur.execute(RAW_SQL["outbox"], (ref, json.dumps({"MaHoSo": ref, "TrangThaiHoSo": 2})))
                # the 766 index: the dossier's fact row and its journal rows (one multi-row insert, as the service)
                cur.execute(RAW_SQL["fact"], (dossier_id, desk))
                deltas = per_dossier["delta"]
                cur.execute(
                    "INSERT INTO metrics_delta (agency_id, field_id, procedure_id, day, measure, delta) VALUES "
                    + ", ".join(["(%s, 1, 1, current_date, %s, 1)"] * deltas),
                    [v for m in range(deltas) for v in (desk, m)],
                )
        out.put(time.perf_counter() - began)


def _run(target, args_list) -> float:  # type: ignore[no-untyped-def]
    ctx = mp.get_context("spawn")
    start_evt, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, start_evt, out)) for args in args_list]
    for p in procs:
        p.start()
    time.sleep(4.0)  # let every worker finish set-up and warm-up
    began = time.perf_counter()
    start_evt.set()
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"bench worker failed with exit code {p.exitcode}")
    return time.perf_counter() - began


def main() -> None:
    ensure_pg_database()
    setup_django()
    migrate()
    _world()
    from motcua.accounts.models import Applicant
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, FeeLine, Step
    from motcua.integrations.models import OutboxMessage
    from motcua.metrics.models import Delta, DossierFact
    from motcua.orgs.models import Agency

    measured = PROCESSES * PER_PROCESS
    ids: dict[str, object] = {}
    per: dict[str, int] = {}
    rates: list[tuple[float, float]] = []
    for round_no in range(1, ROUNDS + 1):
        # Service and raw rounds alternate, so a busy moment on the machine weighs on both sides alike.
        _clear()
        orm_seconds = _run(_orm_worker, [(i, PER_PROCESS) for i in range(PROCESSES)])
        if not per:
            total = Dossier.objects.count()
            per = {
                "component": DossierComponent.objects.count() // total,
                "fee": FeeLine.objects.count() // total,
                "step": Step.objects.count() // total,
                "event": DossierEvent.objects.count() // total,
                "outbox": OutboxMessage.objects.count() // total,
                "fact": DossierFact.objects.count() // total,
                "delta": Delta.objects.count() // total,
            }
            print(f"rows per dossier: {per} + dossier + 2 counters")
        codes = list(Dossier.objects.values_list("code", flat=True))
        assert len(codes) == len(set(codes)), "duplicate dossier codes"
        if not ids:
            version = ProcedureVersion.objects.get(procedure__code="2.000815", status="published")
            ids = {
                "desks": [Agency.objects.get(code=f"000.00.{20 + n}.H26").pk for n in range(DESKS)],
                "version": version.pk,
                "applicant": Applicant.objects.order_by("pk")[0].pk,
                "component": version.components.order_by("pk")[0].pk,
                "fee": version.fees.order_by("pk")[0].pk,
            }
        raw_seconds = _run(_raw_worker, [(i, PER_PROCESS, ids, per) for i in range(PROCESSES)])
        rates.append((measured / orm_seconds, measured / raw_seconds))
        print(
            f"round {round_no}: service {rates[-1][0]:,.0f} dossiers/s ({measured} in {orm_seconds:.2f} s), "
            f"raw psycopg {rates[-1][1]:,.0f} dossiers/s ({raw_seconds:.2f} s), ratio {rates[-1][0] / rates[-1][1]:.2f}"
        )
    orm_rate = statistics.median(r[0] for r in rates)
    raw_rate = statistics.median(r[1] for r in rates)
    ratio = statistics.median(r[0] / r[1] for r in rates)
    print(
        f"intake (submit+receive, service layer), {PROCESSES} processes, median of {ROUNDS}: {orm_rate:,.0f} dossiers/s"
    )
    print(f"raw psycopg, same rows, one transaction per dossier, median:    {raw_rate:,.0f} dossiers/s")
    print(f"ratio service/raw (median of the rounds): {ratio:.2f}   (targets: >= 500/s, ratio >= 0.35)")
    _clear()
    from config.celery import app

    app.control.purge()  # the drain tasks the run queued (no worker runs during the bench)


if __name__ == "__main__":
    main()
