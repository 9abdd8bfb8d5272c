"""Bench data for the staff pages: 1,000,000 dossiers bulk-loaded with COPY into a separate, reusable PostgreSQL
database (``motcua_bench_pages``), never through the services and never in ``make test``.

The world (agencies, units, staff, the procedure and its approved processes, applicants) is made once through the
services and factories; the dossiers, their steps, events, components and fee lines are generated row by row by
:func:`dossier_rows` — the same columns and value domains as the services write, which
``motcua/backoffice/tests/test_bench_shapes.py`` checks against dossiers made through the services.

Shape of the data (a province-sized desk over five years): a one-stop centre receives for ``DEPARTMENTS``
departments (Zipf-like volumes, the largest about a sixth of all dossiers); dossiers older than two months are
closed (mostly returned), recent ones are spread over every open state; some are late, a few apologised.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from motcua.dossiers.audit.hashing import chain_rows

DEPARTMENTS = 40
APPLICANTS = 20_000
ONLINE_ACCOUNTS = 5_000
BATCH = 50_000
SEED = 20261125
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
VN = dt.timezone(dt.timedelta(hours=7))
#: (kind, role, unit code, at the centre?, working minutes, description) — the bench procedure's process.
PROCESS = [
    ("receive", "desk_officer", "MC", True, 240, "Tiếp nhận hồ sơ"),
    ("appraise", "specialist", "HCTP", False, 480, "Thẩm định hồ sơ"),
    ("decide", "leader", "HCTP", False, 240, "Phê duyệt, ký"),
    ("return", "desk_officer", "MC", True, 240, "Trả kết quả"),
]
CLOSED = [("returned", 0.90), ("refused", 0.03), ("withdrawn", 0.03), ("stopped", 0.04)]
OPEN = [
    ("draft", 0.04), ("submitted", 0.08), ("needs_supplement", 0.04), ("received", 0.08), ("in_progress", 0.38),
    ("paused", 0.08), ("decided", 0.06), ("result_ready", 0.08), ("returned", 0.22),
]  # fmt: skip


@dataclass
class Department:
    agency_id: int
    units: dict[str, int]
    desk: int
    specialist: int
    leader: int


@dataclass
class Ctx:
    """What the generator needs from the world (ids only)."""

    version_id: int
    component_id: int
    component_name: str
    fee_id: int | None
    fee_name: str
    fee_amount: int
    limit_amount: Decimal
    limit_unit: str
    procedure_code: str
    centre_id: int
    centre_code: str
    centre_units: dict[str, int]
    centre_desk: int
    departments: list[Department]
    applicant_ids: list[int]
    #: (applicant id, user id) of applicants with an online account: online dossiers are theirs
    online: list[tuple[int, int]]
    weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.weights:
            self.weights = [1 / (k + 1) ** 0.9 for k in range(len(self.departments))]


def reference(i: int) -> str:
    """``HS`` + 10 characters of the services' alphabet, unique per dossier number."""
    chars = []
    x = i * 2654435761 % (32**10)  # a bijection on [0, 32^10): references look random and never collide
    for _ in range(10):
        x, r = divmod(x, 32)
        chars.append(ALPHABET[r])
    return "HS" + "".join(chars)


def working_add(start: dt.datetime, minutes: int) -> dt.datetime:
    """A cheap stand-in for the calendar (bench data only): 480 working minutes a day, weekends skipped."""
    days, rest = divmod(minutes, 480)
    moment = start + dt.timedelta(minutes=rest)
    while days:
        moment += dt.timedelta(days=1)
        if moment.astimezone(VN).weekday() < 5:
            days -= 1
    while moment.astimezone(VN).weekday() >= 5:
        moment += dt.timedelta(days=1)
    return moment


def _pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    x, acc = rng.random(), 0.0
    for value, share in table:
        acc += share
        if x < acc:
            return value
    return table[-1][0]


@dataclass
class Counters:
    """Gap-free code sequences per day and register lines per year, as the services keep them."""

    per_day: dict[str, int] = field(default_factory=dict)
    per_year: dict[int, int] = field(default_factory=dict)

    def code(self, centre_code: str, moment: dt.datetime) -> tuple[str, int, int]:
        local = moment.astimezone(VN)
        day = local.strftime("%y%m%d")
        self.per_day[day] = self.per_day.get(day, 0) + 1
        self.per_year[local.year] = self.per_year.get(local.year, 0) + 1
        return f"{centre_code}-{day}-{self.per_day[day]:04d}", local.year, self.per_year[local.year]


def dossier_rows(ctx: Ctx, dossier_id: int, created: dt.datetime, now: dt.datetime, rng: random.Random,
                 counters: Counters) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    """Every row of one dossier, keyed by table: dossier, step, event, component, feeline, apology; the events
    linked in the dossier's hash chain, as the services write them."""
    rows = _dossier_rows(ctx, dossier_id, created, now, rng, counters)
    chain_rows(rows["event"])
    return rows


def _dossier_rows(ctx: Ctx, dossier_id: int, created: dt.datetime, now: dt.datetime, rng: random.Random,
                  counters: Counters) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    dept = rng.choices(ctx.departments, weights=ctx.weights)[0]
    age = now - created
    state = _pick(rng, CLOSED if age > dt.timedelta(days=60) else OPEN)
    channel = rng.choices([1, 2, 3], weights=[60, 35, 5])[0]
    if state in ("draft", "submitted", "needs_supplement", "withdrawn", "refused"):
        channel = 2  # desk channels are received at once (one-pass intake); only online dossiers wait
    applicant, owner = rng.choice(ctx.online) if channel == 2 else (rng.choice(ctx.applicant_ids), None)
    d: dict[str, Any] = {
        "id": dossier_id, "reference": reference(dossier_id), "code": None, "version": 1, "state": state,
        "procedure_version_id": ctx.version_id, "receiving_agency_id": ctx.centre_id,
        "handling_agency_id": dept.agency_id, "applicant_id": applicant,
        "representative_id": None, "owner_id": owner, "channel": channel,
        "postal_tracking_no": f"EM{dossier_id:09d}VN" if channel == 3 else "", "sets": 1, "note": "",
        "limit_amount": ctx.limit_amount, "limit_unit": ctx.limit_unit, "fee_total": ctx.fee_amount,
        "created_at": created, "submitted_at": None, "received_at": None, "clock_start_at": None, "due_at": None,
        "appointment_at": None, "transfer_due_at": None, "decided_at": None, "outcome": "", "decision_reason": "",
        "result_ready_at": None, "returned_at": None, "return_method": "", "closed_at": None,
        "supplement_requests": 0, "reception_supplement_requests": 0, "register_year": None, "register_no": None,
    }  # fmt: skip
    desk = ctx.centre_desk
    events: list[dict[str, Any]] = []

    def event(at: dt.datetime, actor: int | None, action: str, before: str, after: str, **payload: Any) -> None:
        events.append(
            {"dossier_id": dossier_id, "at": at, "actor_id": actor, "action": action, "from_state": before,
             "to_state": after, "reason": "", "payload": payload}
        )  # fmt: skip

    event(created, owner if channel == 2 else desk, "create", "", "draft",
          channel=channel, procedure=ctx.procedure_code, version=1)  # fmt: skip
    rows: dict[str, list[dict[str, Any]]] = {"dossier": [d], "step": [], "event": events, "component": [],
                                             "feeline": [], "apology": []}  # fmt: skip
    if state != "draft":
        rows["component"].append(
            {"dossier_id": dossier_id, "component_id": ctx.component_id, "name": ctx.component_name, "originals": 1,
             "certified_copies": 0, "copies": 0, "file_id": None, "reused": False, "paper": channel != 2}
        )  # fmt: skip
    if ctx.fee_amount:
        rows["feeline"].append(
            {"dossier_id": dossier_id, "fee_id": ctx.fee_id, "name": ctx.fee_name, "amount": ctx.fee_amount}
        )
    if state == "draft":
        return rows
    submitted = created + dt.timedelta(minutes=rng.randint(1, 30)) if channel == 2 else created
    d["submitted_at"] = submitted
    event(submitted, owner if channel == 2 else desk, "submit", "draft", "submitted")
    d["version"] = 2
    if state in ("submitted", "needs_supplement", "withdrawn", "refused"):
        if state != "submitted":
            at = submitted + dt.timedelta(hours=rng.randint(1, 20))
            verb = {"needs_supplement": "request_supplement", "withdrawn": "withdraw", "refused": "refuse"}[state]
            payload: dict[str, Any] = {}
            if state == "needs_supplement":
                payload["items"] = [
                    {"name": ctx.component_name, "reason": "Thiếu chữ ký", "component_id": ctx.component_id}
                ]
                payload.update(reception_requests=1, again=False)
                d["reception_supplement_requests"] = d["supplement_requests"] = 1
            event(at, desk if state != "withdrawn" else owner, verb, "submitted", state, **payload)
            d["version"] = 3
            if state in ("withdrawn", "refused"):
                d["closed_at"] = at
        return rows
    # Received: code, register line, appointment, steps.
    at = submitted + dt.timedelta(minutes=rng.randint(5, 240)) if channel == 2 else submitted
    code, year, line = counters.code(ctx.centre_code, at)
    total = sum(p[4] for p in PROCESS)
    d.update(code=code, received_at=at, clock_start_at=at, register_year=year, register_no=line,
             transfer_due_at=working_add(at, 240))  # fmt: skip
    d["due_at"] = d["appointment_at"] = working_add(at, int(ctx.limit_amount * 480) if total else 0)
    event(at, desk, "receive", "submitted", "received", code=code, register_no=line)
    version = 3
    # How far the dossier went along the process (index of the active step; len = all done).
    progress = {"received": 0, "in_progress": rng.choice([1, 2]), "paused": 1, "decided": 3, "result_ready": 4,
                "returned": 4, "stopped": rng.choice([0, 1, 2])}[state]  # fmt: skip
    late = rng.random() < 0.12  # some take longer than the limit
    cursor = at
    step_rows: list[dict[str, Any]] = []
    for position, (kind, role, unit, at_centre, minutes, description) in enumerate(PROCESS, start=1):
        agency = ctx.centre_id if at_centre else dept.agency_id
        units = ctx.centre_units if at_centre else dept.units
        cursor = working_add(cursor, minutes)
        step_rows.append(
            {"id": (dossier_id - 1) * len(PROCESS) + position, "dossier_id": dossier_id, "position": position, "kind": kind, "agency_id": agency,
             "unit_id": units[unit], "role": role, "parallel_group": "", "description": description,
             "duration_minutes": minutes, "status": "pending", "assignee_id": None, "due_at": cursor,
             "started_at": None, "received_by_id": None, "finished_at": None, "handed_over_by_id": None,
             "is_consultation": False, "notes": ""}
        )  # fmt: skip
    people = {"desk_officer": desk, "specialist": dept.specialist, "leader": dept.leader}
    moment = at
    for index, step in enumerate(step_rows):
        if index < progress:
            step["started_at"] = moment
            step["received_by_id"] = step["assignee_id"] = people[step["role"]]
            span = step["duration_minutes"] * (rng.uniform(1.1, 2.5) if late else rng.uniform(0.2, 0.9))
            moment = working_add(moment, int(span))
            step["finished_at"], step["handed_over_by_id"], step["status"] = moment, people[step["role"]], "done"
        elif index == progress and state in ("received", "in_progress", "paused"):
            step["started_at"], step["status"] = moment, "active"
            if step["kind"] != "receive":
                step["received_by_id"] = step["assignee_id"] = people[step["role"]]
        elif state == "stopped":
            step["status"] = "skipped"
    rows["step"] = step_rows
    if progress >= 1:
        event(step_rows[0]["finished_at"], desk, "transfer", "received", "in_progress", late=False,
              steps=[step_rows[1]["id"]])  # fmt: skip
        version += 1
    if progress >= 2:
        event(step_rows[1]["finished_at"], dept.specialist, "handover", "in_progress", "in_progress",
              step=step_rows[1]["id"], to=[step_rows[2]["id"]], to_user=None, timeliness="on_time")  # fmt: skip
        version += 1
    if state == "paused":
        event(moment, dept.specialist, "pause", "in_progress", "paused", reason="applicant", items=[],
              supplement_requests=1, counts_as_overdue=False)  # fmt: skip
        d["supplement_requests"] = 1
        version += 1
    if progress >= 3:
        decided = step_rows[2]["finished_at"]
        d.update(decided_at=decided, outcome="approved")
        event(decided, dept.leader, "decide", "in_progress", "decided", outcome="approved")
        version += 1
    if progress >= 4:
        ready = step_rows[3]["finished_at"]
        d["result_ready_at"] = ready
        event(ready, dept.specialist, "send_to_desk", "decided", "result_ready")
        version += 1
    if state == "returned":
        returned = d["result_ready_at"] + dt.timedelta(hours=rng.randint(1, 72))
        d.update(returned_at=returned, return_method=rng.choice(["desk", "desk", "post", "online"]))
        event(returned, desk, "return_result", "result_ready", "returned", method=d["return_method"],
              early=returned < d["appointment_at"])  # fmt: skip
        version += 1
    if state == "stopped":
        d["closed_at"] = moment + dt.timedelta(hours=2)
        event(d["closed_at"], desk, "stop", "in_progress" if progress else "received", "stopped")
        version += 1
    if state in ("in_progress", "paused", "received") and late and rng.random() < 0.25:
        new = working_add(d["due_at"], 960)
        rows["apology"].append(
            {"dossier_id": dossier_id, "issued_at": d["due_at"] - dt.timedelta(hours=20), "issued_by_id": dept.leader,
             "agency_id": dept.agency_id, "reason": "Cần xác minh thêm", "previous_appointment": d["appointment_at"],
             "new_appointment": new, "late_notice": True}
        )  # fmt: skip
        event(d["due_at"] - dt.timedelta(hours=20), dept.leader, "apologise", state, state,
              previous=d["appointment_at"].isoformat(), new=new.isoformat(), late_notice=True)  # fmt: skip
        d["appointment_at"] = new
        version += 1
    d["version"] = version
    return rows


def created_moments(n: int, now: dt.datetime, years: float = 5.0) -> list[dt.datetime]:
    """``n`` creation moments over the last ``years``, in office hours on weekdays, oldest first."""
    rng = random.Random(SEED)
    span = years * 365 * 86400
    out = []
    for _ in range(n):
        moment = now - dt.timedelta(seconds=rng.random() * span)
        local = moment.astimezone(VN)
        if local.weekday() >= 5:
            local -= dt.timedelta(days=local.weekday() - 4)
        local = local.replace(hour=7 + rng.randint(0, 9), minute=rng.randint(0, 59))
        out.append(min(local, now - dt.timedelta(minutes=5)))
    out.sort()
    return out


TABLES = {
    "dossier": "dossiers_dossier",
    "step": "dossiers_step",
    "event": "dossiers_dossierevent",
    "component": "dossiers_dossiercomponent",
    "feeline": "dossiers_feeline",
    "apology": "dossiers_apology",
}


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    return str(value)


def load(ctx: Ctx, n: int, conn: Any, now: dt.datetime, progress: Any = print) -> None:
    """COPY ``n`` dossiers with their rows into the (empty) dossier tables over psycopg connection ``conn``."""
    moments = created_moments(n, now)
    counters = Counters()
    rng = random.Random(SEED + 1)
    for start in range(0, n, BATCH):
        batch: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        for i in range(start, min(n, start + BATCH)):
            for name, rows in dossier_rows(ctx, i + 1, moments[i], now, rng, counters).items():
                batch[name].extend(rows)
        with conn.transaction():
            for name, rows in batch.items():
                if not rows:
                    continue
                columns = list(rows[0])
                text = "".join("\t".join([_text(row[c]) for c in columns]) + "\n" for row in rows)
                with conn.cursor().copy(f"COPY {TABLES[name]} ({', '.join(columns)}) FROM STDIN") as copy:
                    copy.write(text.encode())
        progress(f"  loaded {min(n, start + BATCH):,} dossiers")
    with conn.transaction():
        for table in ("dossiers_dossier", "dossiers_step"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        for day, value in counters.per_day.items():
            conn.execute(
                "INSERT INTO dossiers_counter (agency_id, kind, period, value) VALUES (%s, 'code', %s, %s)",
                (ctx.centre_id, day, value),
            )
        for year, value in counters.per_year.items():
            conn.execute(
                "INSERT INTO dossiers_counter (agency_id, kind, period, value) VALUES (%s, 'register', %s, %s)",
                (ctx.centre_id, str(year), value),
            )
    conn.commit()
    conn.autocommit = True
    conn.execute("VACUUM (ANALYZE)")  # as autovacuum would leave it: statistics and the visibility map


# ---- the world (through the services, once) ------------------------------------------------------------------


def make_world() -> Ctx:
    """Agencies, units, staff, the procedure with approved processes and applicants (idempotent)."""
    from motcua.accounts.models import Applicant, User
    from motcua.catalog.services import process_define
    from motcua.catalog.tests.factories import make_field, process_content, published, step
    from motcua.dossiers.tests.factories import make_world as base_world
    from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole
    from motcua.orgs.services import agency_create, agency_set_served, unit_create

    if not Agency.objects.filter(code=f"000.00.{20 + DEPARTMENTS - 1:02d}.H26").exists():
        world = base_world()
        departments = []
        for n in range(DEPARTMENTS):
            dept = agency_create(
                code=f"000.00.{20 + n:02d}.H26", name=f"Sở thử nghiệm {n + 1}", kind=AgencyKind.DEPARTMENT,
                parent=world.city.province,
            )  # fmt: skip
            hc = unit_create(agency=dept, code="HCTP", name="Phòng chuyên môn")
            for role in (Role.SPECIALIST, Role.LEADER):
                user = User.objects.create(username=f"bench{n}.{role}", full_name=f"Cán bộ {n}", email=f"b{n}@x.vn")
                StaffRole.objects.create(user=user, agency=dept, unit=hc, role=role)
            departments.append(dept)
        agency_set_served(centre=world.city.centre, served=[world.city.justice, *departments])
        make_field("TP-CT", "Chứng thực", "Tư pháp")
        codes = tuple(a.code for a in departments)
        version = published(code="2.000815", agency_codes=codes, field_code="TP-CT", name="Chứng thực bản sao")
        centre = world.city.centre.code
        steps = tuple(
            step(kind, role, str(minutes // 60), unit=unit, agency=centre if at_centre else "")
            for kind, role, unit, at_centre, minutes, _d in PROCESS
        )
        for dept in departments:
            process_define(version=version, agency=dept, content=process_content(steps))
        rng = random.Random(SEED)
        existing = set(Applicant.objects.values_list("id_number", flat=True))
        rows: list[Any] = []
        while len(rows) < APPLICANTS:
            number = f"001{rng.randint(0, 1)}{rng.randint(60, 99)}{rng.randint(0, 999_999):06d}"
            if number in existing:
                continue
            existing.add(number)
            rows.append(Applicant(kind="citizen", id_type="cccd", id_number=number, name=f"Công dân {len(rows)}",
                                  phone=f"09{rng.randint(10_000_000, 99_999_999)}"))  # fmt: skip
        Applicant.objects.bulk_create(rows, batch_size=5000)
        online = list(Applicant.objects.filter(user__isnull=True).order_by("pk")[:ONLINE_ACCOUNTS])
        unusable = "!"  # no password: these accounts never log in here
        users = User.objects.bulk_create(
            [User(username=a.id_number, full_name=a.name, password=unusable) for a in online]
        )
        for applicant, user in zip(online, users, strict=True):
            applicant.user = user
        Applicant.objects.bulk_update(online, ["user"], batch_size=5000)
    return ctx_from_db()


def ctx_from_db() -> Ctx:
    from motcua.accounts.models import Applicant
    from motcua.catalog.models import ProcedureVersion
    from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole, Unit

    version = ProcedureVersion.objects.get(procedure__code="2.000815", status="published")
    component = version.components.first()
    fee = version.fees.first()
    centre = Agency.objects.get(kind=AgencyKind.ONE_STOP_CENTRE, code="000.00.01.H26")
    departments = []
    for n in range(DEPARTMENTS):
        dept = Agency.objects.get(code=f"000.00.{20 + n:02d}.H26")
        roles = {r.role: r.user_id for r in StaffRole.objects.filter(agency=dept)}
        units = {u.code: u.pk for u in Unit.objects.filter(agency=dept)}
        departments.append(Department(dept.pk, units, 0, roles[Role.SPECIALIST], roles[Role.LEADER]))
    desk = StaffRole.objects.filter(agency=centre, role=Role.DESK_OFFICER).order_by("pk").first()
    assert component is not None
    assert desk is not None
    return Ctx(
        version_id=version.pk, component_id=component.pk, component_name=component.name,
        fee_id=fee.pk if fee else None, fee_name=fee.name if fee else "", fee_amount=(fee.amount or 0) if fee else 0,
        limit_amount=version.committed_amount, limit_unit=version.committed_unit, procedure_code="2.000815",
        centre_id=centre.pk, centre_code=centre.code, centre_units={u.code: u.pk for u in Unit.objects.filter(agency=centre)},
        centre_desk=desk.user_id, departments=departments,
        applicant_ids=list(Applicant.objects.order_by("pk").values_list("pk", flat=True)[:APPLICANTS]),
        online=list(Applicant.objects.filter(user__isnull=False).values_list("pk", "user_id")[:ONLINE_ACCOUNTS]),
    )  # fmt: skip
