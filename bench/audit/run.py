"""bench/audit: `motcua audit verify` over 1,000,000 chained dossier events on PostgreSQL. Target: < 60 s.

The bench database ``motcua_bench_audit`` (BENCH_AUDIT_DATABASE_URL) is created, migrated and bulk-loaded once
(COPY: 100,000 returned dossiers of 10 events each — create, submit, receive, the receipt printed with its stored
form data, transfer, handover, decide, attach the result, send to the desk, return — every event chained as the
services chain it) and reused by later runs. Each round times the command in-process, then a raw baseline in the
same run: a psycopg server-side cursor streaming the same rows, each hashed with the same function (the least any
verifier must do). Prints events/s, seconds and the ratio verify/raw.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.common import BENCH_PG_URL, clear_tables, ensure_pg_database, migrate, setup_django  # noqa: E402

PG_URL = os.environ.get("BENCH_AUDIT_DATABASE_URL", BENCH_PG_URL.rsplit("/", 1)[0] + "/motcua_bench_audit")
DOSSIERS = int(os.environ.get("BENCH_AUDIT_DOSSIERS", "100000"))
ROUNDS = int(os.environ.get("BENCH_AUDIT_ROUNDS", "2"))
TARGET_SECONDS = 60.0
BATCH = 10_000
MARK = "AUD"
LIFE = [  # (action, from, to)
    ("create", "", "draft"), ("submit", "draft", "submitted"), ("receive", "submitted", "received"),
    ("print_form", "received", "received"), ("transfer", "received", "in_progress"),
    ("handover", "in_progress", "in_progress"), ("decide", "in_progress", "decided"),
    ("attach_result", "decided", "decided"), ("send_to_desk", "decided", "result_ready"),
    ("return_result", "result_ready", "returned"),
]  # fmt: skip
DOSSIER_COLUMNS = (
    "id", "reference", "code", "version", "state", "procedure_version_id", "receiving_agency_id", "handling_agency_id",
    "applicant_id", "channel", "postal_tracking_no", "sets", "note", "limit_amount", "limit_unit", "fee_total",
    "created_at", "submitted_at", "received_at", "clock_start_at", "due_at", "appointment_at", "transfer_due_at",
    "decided_at", "outcome", "decision_reason", "result_ready_at", "returned_at", "return_method", "closed_at",
    "supplement_requests",
)  # fmt: skip
EVENT_COLUMNS = (
    "dossier_id", "seq", "at", "actor_id", "action", "from_state", "to_state", "reason", "payload", "prev_hash", "hash"
)  # fmt: skip
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return str(value).translate(_ESCAPES)


def _payload(action: str, pk: int, code: str, received: dt.datetime) -> dict[str, Any]:
    if action == "create":
        return {"channel": 1, "procedure": "1.001", "version": 1}
    if action == "receive":
        return {"code": code, "register_no": pk}
    if action == "print_form":  # the receipt's stored data, as the first print keeps it
        fields = {
            "code": code, "applicant": "Nguyễn Văn An", "address": "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
            "procedure": "Cấp Phiếu lý lịch tư pháp", "received_at": received.isoformat(), "sets": 1,
            "components": [{"name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "originals": 1, "copies": 0}],
            "appointment": (received + dt.timedelta(days=3)).isoformat(), "fee": 200000,
            "agency": "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "officer": "Cán bộ một cửa",
        }  # fmt: skip
        return {"form": "01", "kind": "receipt", "set": "tt01-2018", "source": pk, "reprint_of": None, "data": fields}
    if action == "decide":
        return {"outcome": "approved"}
    if action == "return_result":
        return {"method": "desk", "early": True}
    return {}


def _rows(world: dict[str, int], first: int, count: int) -> tuple[str, str]:
    """COPY text of ``count`` dossiers from id ``first`` and of their chained events."""
    from motcua.dossiers.audit.hashing import chain_rows

    base = dt.datetime(2024, 1, 2, 1, 0, tzinfo=dt.UTC)
    dossiers, events = [], []
    for pk in range(first, first + count):
        at = base + dt.timedelta(minutes=7 * pk)
        code = f"000.00.01.H26-{MARK}-{pk:09d}"
        later = [at + dt.timedelta(hours=h) for h in (0, 0, 0, 0, 2, 20, 30, 31, 32, 50)]
        dossiers.append(
            (pk, f"{MARK}{pk:09d}", code, 10, "returned", world["version"], world["desk"], world["agency"],
             world["applicant"], 1, "", 1, "", "2.5", "working_day", 200000, at, at, at, at,
             at + dt.timedelta(days=3), at + dt.timedelta(days=3), at + dt.timedelta(hours=8), later[6], "approved", "",
             later[8], later[9], "desk", None, 0)
        )  # fmt: skip
        chain = [
            {"dossier_id": pk, "at": moment, "actor_id": world["actor"], "action": action, "from_state": before,
             "to_state": after, "reason": "", "payload": _payload(action, pk, code, at)}
            for (action, before, after), moment in zip(LIFE, later, strict=True)
        ]  # fmt: skip
        chain_rows(chain)
        events.extend(chain)
    dossier_text = "".join("\t".join(_text(v) for v in row) + "\n" for row in dossiers)
    event_text = "".join("\t".join(_text(e[c]) for c in EVENT_COLUMNS) + "\n" for e in events)
    return dossier_text, event_text


def prepare() -> int:
    """Migrate and (once) load the bench events; returns how many there are."""
    ensure_pg_database(PG_URL)
    setup_django(PG_URL)
    migrate()
    import psycopg
    from django.db import connection

    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.dossiers.tests.factories import make_world, staff
    from motcua.orgs.models import Agency, Role

    wanted = DOSSIERS * len(LIFE)
    have = DossierEvent.objects.count()
    if have == wanted and Dossier.objects.filter(reference__startswith=MARK).count() == DOSSIERS:
        print(f"bench/audit: reusing {have:,} events in {PG_URL.rsplit('/', 1)[1]}")
        return have
    if not Agency.objects.filter(code="000.00.01.H26").exists():
        make_world()
    centre = Agency.objects.get(code="000.00.01.H26")
    from motcua.accounts.models import Applicant
    from motcua.catalog.models import ProcedureVersion

    desk = staff(centre, Role.DESK_OFFICER)
    world = {
        "version": ProcedureVersion.objects.filter(status="published").order_by("pk")[0].pk, "desk": centre.pk,
        "agency": Agency.objects.get(code="000.00.10.H26").pk, "applicant": Applicant.objects.order_by("pk")[0].pk,
        "actor": desk.pk,
    }  # fmt: skip
    with connection.cursor() as cursor:
        clear_tables(
            cursor,
            "TRUNCATE dossiers_dossier, dossiers_dossierevent, dossiers_step, dossiers_dossiercomponent,"
            " dossiers_feeline, metrics_dossierfact CASCADE",
        )
    print(f"bench/audit: loading {DOSSIERS:,} dossiers and {wanted:,} chained events (COPY), once")
    began = time.perf_counter()
    with psycopg.connect(PG_URL) as conn:
        for first in range(1, DOSSIERS + 1, BATCH):
            dossier_text, event_text = _rows(world, first, min(BATCH, DOSSIERS + 1 - first))
            with conn.transaction():
                with conn.cursor().copy(f"COPY dossiers_dossier ({', '.join(DOSSIER_COLUMNS)}) FROM STDIN") as copy:
                    copy.write(dossier_text.encode())
                with conn.cursor().copy(f"COPY dossiers_dossierevent ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
                    copy.write(event_text.encode())
        conn.execute(
            "SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), (SELECT max(id) FROM dossiers_dossier))"
        )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE) dossiers_dossier, dossiers_dossierevent")
    print(f"bench/audit: loaded in {time.perf_counter() - began:.0f} s")
    return DossierEvent.objects.count()


def timed_verify() -> tuple[float, int, str]:
    from django.core.management import call_command

    out = io.StringIO()
    began = time.perf_counter()
    call_command("audit_verify", stdout=out)
    seconds = time.perf_counter() - began
    text = out.getvalue()
    checked = re.search(r"and ([\d,]+) events", text)
    assert checked is not None, text
    return seconds, int(checked.group(1).replace(",", "")), text


def timed_raw() -> tuple[float, int]:
    """Stream the same rows with a psycopg server-side cursor and hash each one with the same function."""
    import psycopg

    from motcua.dossiers.audit.hashing import content_hash

    began = time.perf_counter()
    count = 0
    with psycopg.connect(PG_URL) as conn, conn.transaction():
        cursor = conn.cursor(name="bench_audit_raw")
        cursor.itersize = 10_000
        cursor.execute(
            "SELECT dossier_id, seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), actor_id,"
            " action, from_state, to_state, reason, payload, prev_hash, hash"
            " FROM dossiers_dossierevent ORDER BY dossier_id, seq"
        )
        for dossier_id, seq, at, actor, action, before, after, reason, payload, prev, digest in cursor:
            computed = content_hash(
                dossier_id=dossier_id, seq=seq, at=at, actor_id=actor, action=action, from_state=before,
                to_state=after, reason=reason, payload=payload, prev_hash=prev,
            )  # fmt: skip
            assert computed == digest
            count += 1
    return time.perf_counter() - began, count


def main() -> None:
    events = prepare()
    rounds = []
    for n in range(1, ROUNDS + 1):
        seconds, checked, text = timed_verify()
        assert checked == events, text
        assert "0 broken" in text, text
        raw_seconds, raw_count = timed_raw()
        assert raw_count == events
        rounds.append((seconds, raw_seconds))
        print(
            f"round {n}: audit verify {seconds:.1f} s ({checked / seconds:,.0f} events/s); raw psycopg stream + hash "
            f"{raw_seconds:.1f} s ({raw_count / raw_seconds:,.0f} events/s); ratio raw/verify {raw_seconds / seconds:.2f}"
        )
    seconds = statistics.median(r[0] for r in rounds)
    raw = statistics.median(r[1] for r in rounds)
    print(f"audit verify of {events:,} events, median of {ROUNDS}: {seconds:.1f} s, {events / seconds:,.0f} events/s")
    print(f"raw baseline (same rows streamed and hashed), median: {raw:.1f} s, {events / raw:,.0f} events/s")
    print(f"ratio raw/verify: {raw / seconds:.2f}   (target: < {TARGET_SECONDS:.0f} s)")


if __name__ == "__main__":
    main()
