"""The metrics bench data: a province of 20 departments and 122 wards with 40 procedures, and 1,000,000 dossiers
with their events, components, result files, payments, pauses, ratings and delivered portal messages, bulk-loaded
with COPY — including the history of Quận 9 (Hồ Chí Minh City) in 2020 with its published rating figures.

Everything is generated once into the bench database and reused by later runs.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from motcua.core import clock
from motcua.dossiers.audit.hashing import chain_rows

TOTAL = 1_000_000
Q9_ELIGIBLE, Q9_RATED, Q9_SATISFIED = 31_751, 29_322, 29_245
Q9_OUTSIDE = 400
Q9_CODE, HCM_CODE = "000.00.19.H29", "000.00.00.H29"
MARK = "BM"  # references of the bulk-loaded dossiers
FIRST_DAY, LAST_DAY = dt.date(2024, 1, 2), dt.date(2025, 12, 31)
CHUNK = 20_000
DEPARTMENTS = 20
WARDS = 122


def ward_code(k: int) -> str:
    return f"000.{k % 100:02d}.{90 + k // 100}.H26"


@dataclass
class World:
    departments: list[int]
    wards: list[int]
    ward_codes: list[str]
    district: int
    applicant: int
    stored_file: int
    #: per agency: (version id, field id, procedure code, committed days, fee) of the versions it implements
    versions: dict[int, list[tuple[int, int, str, Decimal, int]]]


def _publish_catalogue(rng: random.Random, departments: list[Any], province: Any) -> None:
    """40 procedures in 12 fields, published under 8 decisions of the province with their dates."""
    from motcua.catalog import services
    from motcua.catalog.content import ComponentData, FeeData
    from motcua.catalog.tests.factories import content, make_field

    for f in range(12):
        make_field(f"BM-{f:02d}", f"Lĩnh vực thử {f}", "Thử nghiệm")
    decisions = []
    for d in range(8):
        signed = dt.date(2023, 11, 1) + dt.timedelta(days=45 * d)
        decisions.append(services.decision_create(
            number=f"{100 + d}/QĐ-UBND-BM", signed_on=signed, signer="Chủ tịch", issuer=province,
            effective_on=signed + dt.timedelta(days=20), made_public_on=signed + dt.timedelta(days=rng.choice([3, 6, 9])),
        ))  # fmt: skip
    for n in range(40):
        ward_level = n % 3 == 0
        owners = () if ward_level else tuple(a.code for a in rng.sample(departments, 2))
        fee = rng.choice([0, 0, 50_000, 100_000, 200_000])
        version = services.version_create_draft(code=f"9.{n:06d}", content=content(
            name=f"Thủ tục thử nghiệm số {n}", field_code=f"BM-{n % 12:02d}", level="commune" if ward_level else "province",
            implementing_agency="UBND phường" if ward_level else "Sở", agency_codes=owners,
            agency_kinds=("ward",) if ward_level else (), online_level=rng.choice(["full", "full", "partial"]),
            partial_reason="Cần đối chiếu bản chính", committed_amount=Decimal(rng.choice([1, 2, 3, 5, 7])),
            limit_amount=Decimal(10), components=(ComponentData(name="Đơn đề nghị", originals=1),),
            fees=(FeeData(kind="charge", name="Lệ phí", amount=fee),) if fee else (),
        ))  # fmt: skip
        decision = decisions[n % len(decisions)]
        basis = decision.signed_on + dt.timedelta(days=rng.choice([4, 8, 12, 30]))
        services.version_publish(version=version, decision=decision, basis_effective_on=basis)


def build_world() -> World:
    """The agencies, catalogue, applicant and stored file the bulk data refers to (created once)."""
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.models import Blob, StoredFile
    from motcua.dossiers.tests.factories import make_world
    from motcua.orgs.models import Agency, AgencyKind
    from motcua.orgs.services import agency_create

    if not Agency.objects.filter(code=Q9_CODE).exists():
        rng = random.Random(766)
        world = make_world()
        province = world.city.province
        created = [
            agency_create(
                code=f"000.00.{30 + i}.H26", name=f"Sở thử nghiệm {i + 1}", kind=AgencyKind.DEPARTMENT, parent=province
            )  # fmt: skip
            for i in range(DEPARTMENTS)
        ]
        for k in range(3, 3 + WARDS):
            agency_create(code=ward_code(k), name=f"Phường thử nghiệm {k}", kind=AgencyKind.WARD, parent=province)
        _publish_catalogue(rng, created, province)
        hcm = agency_create(code=HCM_CODE, name="UBND Thành phố Hồ Chí Minh", kind=AgencyKind.PROVINCE)
        agency_create(code=Q9_CODE, name="UBND Quận 9", kind=AgencyKind.DISTRICT, parent=hcm,
                      valid_to=dt.date(2020, 12, 31))  # fmt: skip
        blob = Blob.objects.create(sha256="0" * 64, content_type="application/pdf", size=1024, file="bench/ho-so.pdf")
        StoredFile.objects.create(sha256="0" * 64, name="ho-so.pdf", content_type="application/pdf", size=1024,
                                  blob=blob)  # fmt: skip
    from motcua.accounts.models import Applicant

    department_codes = [f"000.00.{30 + i}.H26" for i in range(DEPARTMENTS)]
    departments = list(Agency.objects.filter(code__in=department_codes).order_by("code").values_list("pk", flat=True))
    ward_codes = [ward_code(k) for k in range(3, 3 + WARDS)]
    wards = [Agency.objects.get(code=c).pk for c in ward_codes]
    versions: dict[int, list[tuple[int, int, str, Decimal, int]]] = {a: [] for a in departments + wards}
    for version in ProcedureVersion.objects.filter(procedure__code__startswith="9.").prefetch_related(
        "agencies", "fees"
    ):
        fee = sum(f.amount or 0 for f in version.fees.all())
        row = (version.pk, version.field_id, version.procedure.code, version.committed_amount, fee)
        owners = wards if "ward" in version.agency_kind_list else [a.pk for a in version.agencies.all()]
        for agency in owners:
            versions[agency].append(row)
    return World(
        departments=departments, wards=wards, ward_codes=ward_codes,
        district=Agency.objects.get(code=Q9_CODE).pk, applicant=Applicant.objects.order_by("pk")[0].pk,
        stored_file=StoredFile.objects.get(sha256="0" * 64).pk, versions=versions,
    )  # fmt: skip


def _working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _add_working(moment: dt.datetime, days: float) -> dt.datetime:
    """Working days after ``moment`` (weekends skipped; the bench's data needs no holiday precision)."""
    whole, part = int(days), days - int(days)
    result = moment
    while whole:
        result += dt.timedelta(days=1)
        if result.weekday() < 5:
            whole -= 1
    result += dt.timedelta(hours=8 * part)
    while result.weekday() >= 5:
        result += dt.timedelta(days=1)
    return result


class Tables:
    """Rows for each table of one chunk, written with COPY."""

    COLUMNS: dict[str, Sequence[str]] = {
        "dossiers_dossier": (
            "id", "reference", "code", "version", "state", "procedure_version_id", "receiving_agency_id",
            "handling_agency_id", "applicant_id", "channel", "postal_tracking_no", "sets", "note", "limit_amount",
            "limit_unit", "fee_total", "created_at", "submitted_at", "received_at", "clock_start_at", "due_at",
            "appointment_at", "transfer_due_at", "decided_at", "outcome", "decision_reason", "result_ready_at",
            "returned_at", "return_method", "closed_at", "supplement_requests",
        ),
        "dossiers_dossierevent": (
            "dossier_id", "seq", "at", "action", "from_state", "to_state", "reason", "payload", "prev_hash", "hash",
        ),
        "dossiers_dossiercomponent": (
            "dossier_id", "name", "originals", "certified_copies", "copies", "file_id", "reused", "paper",
        ),
        "dossiers_dossierfile": ("dossier_id", "kind", "title", "file_id", "attached_at"),
        "dossiers_payment": ("dossier_id", "method", "gateway", "amount", "paid_at", "receipt_no", "status"),
        "dossiers_pause": ("dossier_id", "reason", "note", "started_at", "ended_at"),
        "ratings_rating": (
            "dossier_id", "is_current", "satisfied", "came_back", "bodies_contacted", "attitude", "comment", "channel",
            "rated_at", "first_rated_at",
        ),
        "integrations_outboxmessage": (
            "topic", "key", "payload", "status", "created_at", "available_at", "sent_at", "attempts", "last_error",
        ),
    }  # fmt: skip

    def __init__(self) -> None:
        self.rows: dict[str, list[Sequence[Any]]] = {name: [] for name in self.COLUMNS}

    def add(self, table: str, *values: Any) -> None:
        self.rows[table].append(values)

    def write(self) -> int:
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for table, rows in self.rows.items():
                if not rows:
                    continue
                with raw.copy(f"COPY {table} ({', '.join(self.COLUMNS[table])}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                count += len(rows)
        return count


LIFECYCLE = ["create", "submit", "receive", "transfer", "handover", "decide", "attach_result", "send_to_desk",
             "return_result"]  # fmt: skip
STATES = ["draft", "draft", "submitted", "received", "in_progress", "in_progress", "decided", "decided",
          "result_ready", "returned"]  # fmt: skip


def _dossier(
    t: Tables, pk: int, rng: random.Random, world: World, agency: int, received: dt.datetime, *, outcome: str,
    returned_at: dt.datetime | None = None, code_prefix: str = "B",
) -> None:  # fmt: skip
    """One dossier and its rows; ``outcome`` is returned, decided, stopped, open or paused."""
    version_id, _field, _code, days, fee = rng.choice(world.versions.get(agency) or world.versions[world.wards[0]])
    due = _add_working(received, float(days))
    channel = rng.choices([1, 2, 3], [65, 30, 5])[0]
    supplements = rng.choices([0, 1, 2], [94, 5, 1])[0] if outcome in ("returned", "decided", "open") else 0
    decided = returned = closed = None
    if outcome in ("returned", "decided"):
        decided = _add_working(received, rng.uniform(0.3, float(days) * 1.4 + 0.5))
        returned = returned_at or (
            decided + dt.timedelta(hours=rng.choice([2, 20, 44])) if outcome == "returned" else None
        )
        if returned_at is not None:
            decided = returned_at - dt.timedelta(hours=20)
    elif outcome == "stopped":
        closed = received + dt.timedelta(days=2)
    state = {"returned": "returned", "decided": "result_ready", "stopped": "stopped", "open": "in_progress",
             "paused": "paused"}[outcome]  # fmt: skip
    code = f"{code_prefix}{agency:05d}-{received:%y%m%d}-{pk:08d}"
    t.add("dossiers_dossier", pk, f"{MARK}{pk:09d}", code, 9, state, version_id, agency, agency, world.applicant,
          channel, "", 1, "", days, "working_day", fee, received, received, received, received, due, due, received,
          decided, "approved" if decided else "", "", returned or decided, returned, "desk" if returned else "",
          closed, supplements)  # fmt: skip
    steps = {"returned": 9, "decided": 8, "stopped": 4, "open": 5, "paused": 5}[outcome]
    moments = [received] * 3 + [received + dt.timedelta(hours=1), received + dt.timedelta(hours=3),
                                decided or received, decided or received, decided or received, returned or received]  # fmt: skip
    events: list[dict[str, Any]] = [
        {"dossier_id": pk, "at": moments[i], "actor_id": None, "action": LIFECYCLE[i], "from_state": STATES[i],
         "to_state": STATES[i + 1] if i + 1 < len(STATES) else "returned", "reason": "", "payload": {}}
        for i in range(steps)
    ]  # fmt: skip
    if outcome == "stopped":
        events.append({"dossier_id": pk, "at": closed, "actor_id": None, "action": "stop", "from_state": "in_progress",
                       "to_state": "stopped", "reason": "", "payload": {}})  # fmt: skip
    chain_rows(events)  # each event a link of the dossier's hash chain, as the services write them
    for e in events:
        t.add(
            "dossiers_dossierevent",
            *(e[c] if c != "payload" else "{}" for c in Tables.COLUMNS["dossiers_dossierevent"]),
        )
    t.add("dossiers_dossiercomponent", pk, "Đơn đề nghị", 1, 0, 0, world.stored_file if rng.random() < 0.85 else None,
          rng.random() < 0.1, rng.random() < 0.2)  # fmt: skip
    if decided and rng.random() < 0.95:
        t.add("dossiers_dossierfile", pk, "result", "Kết quả", world.stored_file, decided)
    for s in range(supplements):
        begin = received + dt.timedelta(hours=4 + 24 * s)
        t.add("dossiers_pause", pk, "applicant", "", begin, begin + dt.timedelta(hours=2))
    if outcome == "paused":
        t.add("dossiers_pause", pk, rng.choice(["applicant", "financial"]), "", received + dt.timedelta(hours=5), None)
    if fee and rng.random() < 0.7:
        online = rng.random() < 0.6
        t.add("dossiers_payment", pk, "online" if online else "cash", rng.choice([1, 1, 2]) if online else None, fee,
              received + dt.timedelta(minutes=30), f"BM{pk}", "paid")  # fmt: skip
    if rng.random() < 0.75:
        stamp = received.astimezone(clock.VN_TZ).strftime("%Y%m%d%H%M%S")
        t.add("integrations_outboxmessage", "portal.dossier_status", code, json.dumps({"NgayTiepNhan": stamp}), "sent",
              received, received, received + dt.timedelta(seconds=3), 1, "")  # fmt: skip
    if returned and returned_at is None and rng.random() < 0.8:
        moment = returned + dt.timedelta(minutes=10)
        t.add("ratings_rating", pk, True, rng.random() < 0.98, "none", "desk_only", "courteous", "", "kiosk", moment,
              moment)  # fmt: skip


def _province(rng: random.Random, world: World, count: int, first_id: int) -> Iterator[Tables]:
    days = _working_days(FIRST_DAY, LAST_DAY)
    recent = LAST_DAY - dt.timedelta(days=20)
    agencies = world.departments * 4 + world.wards
    t = Tables()
    for n in range(count):
        day = rng.choice(days)
        received = dt.datetime.combine(day, dt.time(7 + rng.randint(0, 9), rng.randint(0, 59)), clock.VN_TZ)
        if day > recent:
            outcome = rng.choices(["returned", "decided", "open", "paused"], [40, 10, 45, 5])[0]
        else:
            outcome = rng.choices(["returned", "decided", "stopped", "open", "paused"], [93, 3, 2, 1.5, 0.5])[0]
        _dossier(t, first_id + n, rng, world, rng.choice(agencies), received, outcome=outcome)
        if len(t.rows["dossiers_dossier"]) >= CHUNK:
            yield t
            t = Tables()
    yield t


def _quan9(rng: random.Random, world: World, first_id: int) -> Tables:
    """Quận 9 in 2020: 31,751 results returned (and 400 around the year), 29,322 rated of which 29,245 satisfied."""
    t = Tables()
    returned_at = []
    for n in range(Q9_ELIGIBLE + Q9_OUTSIDE):
        if n < Q9_OUTSIDE // 2:
            moment = dt.datetime(2019, 12, 20, 8, 0, tzinfo=clock.VN_TZ) + dt.timedelta(hours=n)
        elif n >= Q9_ELIGIBLE + Q9_OUTSIDE // 2:
            moment = dt.datetime(2021, 1, 4, 8, 0, tzinfo=clock.VN_TZ) + dt.timedelta(minutes=n % 600)
        else:
            moment = dt.datetime(2020, 1, 2, 8, 0, tzinfo=clock.VN_TZ) + dt.timedelta(
                minutes=16 * (n - Q9_OUTSIDE // 2)
            )
        pk = first_id + n
        _dossier(t, pk, rng, world, world.district, moment - dt.timedelta(days=3), outcome="returned",
                 returned_at=moment, code_prefix="Q")  # fmt: skip
        returned_at.append((pk, moment))
    in_year = [(pk, m) for pk, m in returned_at if m.year == 2020]
    rng.shuffle(in_year)
    for i, (pk, moment) in enumerate(in_year[:Q9_RATED]):
        t.add("ratings_rating", pk, True, i >= Q9_RATED - Q9_SATISFIED, "", "", "", "", "paper", moment, moment)
    return t


def generate(world: World) -> None:
    """Load the bulk data (once): the province's dossiers, then Quận 9's, then move the id sequences on."""
    from motcua.dossiers.models import Dossier

    if Dossier.objects.filter(reference__startswith=MARK).exists():
        return
    began = time.perf_counter()
    rng = random.Random(20260101)
    first = (Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    q9 = Q9_ELIGIBLE + Q9_OUTSIDE
    rows = 0
    with transaction.atomic():
        rows += _quan9(rng, world, first).write()
        for tables in _province(rng, world, TOTAL - q9, first + q9):
            rows += tables.write()
            print(f"\r  loaded {rows:,} rows", end="", flush=True)
        with connection.cursor() as cursor:
            for table in Tables.COLUMNS:
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    with connection.cursor() as cursor:
        for table in Tables.COLUMNS:
            cursor.execute(f"ANALYZE {table}")
    print(f"\n  bulk-loaded {TOTAL:,} dossiers ({rows:,} rows) in {time.perf_counter() - began:.0f} s")
