"""Demo dossiers: a few hundred over the last eleven months in every state (a few paused across Tết 2026), made
through the services with the clock
moved to each moment, so codes, registers, deadlines, lateness and Tết pauses are all consistent."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from typing import Any

from pypdf import PdfWriter

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_register
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import approved_process, current_versions
from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.dossiers import timing
from motcua.dossiers.fees import fee_status
from motcua.dossiers.models import Channel, Dossier, PauseReason, StepStatus
from motcua.dossiers.services import intake, processing, reception, results
from motcua.integrations.models import OutboxMessage, OutboxStatus
from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole

COUNT = 320
SEED = 20260225


def _blank_pdf() -> bytes:
    """A real one-page A4 PDF (uploads are parsed: a magic number alone is refused)."""
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _blank_pdf()
GIVEN = ["An", "Bình", "Châu", "Dung", "Giang", "Hà", "Hiếu", "Hoa", "Huy", "Khánh", "Lâm", "Linh", "Minh", "Nga",
         "Ngọc", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tú", "Vân", "Yến"]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Ngọc", "Quốc", "Thanh"]
STREETS = ["Hàng Bạc", "Hàng Gai", "Đinh Tiên Hoàng", "Phan Đình Phùng", "Kim Mã", "Láng Hạ", "Trần Hưng Đạo"]

#: How the demo dossiers end up: (final state, share).
PLAN = [
    ("returned", 0.46), ("result_ready", 0.05), ("decided", 0.04), ("in_progress", 0.15), ("paused", 0.06),
    ("received", 0.04), ("submitted", 0.05), ("needs_supplement", 0.03), ("refused", 0.03), ("withdrawn", 0.02),
    ("stopped", 0.02), ("draft", 0.05),
]  # fmt: skip


@dataclass
class Route:
    version: ProcedureVersion
    handling: Agency
    desk: Agency


def _routes(rng: random.Random) -> list[Route]:
    centre = Agency.objects.filter(kind=AgencyKind.ONE_STOP_CENTRE, is_active=True).first()
    served = set(centre.served_agencies.values_list("pk", flat=True)) if centre else set()
    communes = list(
        Agency.objects.filter(kind__in=[AgencyKind.WARD, AgencyKind.COMMUNE], is_active=True).order_by("code")[:6]
    )
    routes = []
    for version in current_versions().prefetch_related("agencies"):
        agencies = list(version.agencies.all()) + [c for c in communes if c.kind in version.agency_kind_list]
        for agency in agencies:
            if approved_process(version, agency) is None:
                continue
            desk = centre if centre is not None and agency.pk in served else agency
            routes.append(Route(version, agency, desk))
    rng.shuffle(routes)
    return routes


def _with_account(applicant: Applicant, password: str) -> Applicant:
    if applicant.user_id is None:
        applicant.user = User.objects.create(
            username=applicant.id_number, full_name=applicant.name, email=applicant.email, password=password
        )
        applicant.save(update_fields=["user"])
    return applicant


def _organisations(rng: random.Random, count: int) -> list[Applicant]:
    from stdnum.vn import mst

    orgs = list(Applicant.objects.filter(kind=ApplicantKind.ORGANISATION))
    names = ["Công ty TNHH Thương mại", "Công ty Cổ phần Dịch vụ", "Hợp tác xã", "Công ty TNHH Xây dựng"]
    while len(orgs) < count:
        body = f"01{rng.randint(0, 9_999_999):07d}"
        check = mst.calc_check_digit(body)
        if len(check) != 1 or Applicant.objects.filter(id_number=body + check).exists():
            continue
        orgs.append(
            applicant_register(
                kind=ApplicantKind.ORGANISATION,
                id_type=IdType.TAX_CODE,
                id_number=body + check,
                name=f"{rng.choice(names)} {rng.choice(GIVEN)} {rng.choice(STREETS)}",
                address=f"Số {rng.randint(1, 200)} phố {rng.choice(STREETS)}, Hà Nội",
                phone=f"024{rng.randint(30_000_000, 39_999_999)}",
                email=f"lienhe{len(orgs)}@congty.example.vn",
            )  # fmt: skip
        )
    return orgs


def _citizens(rng: random.Random, count: int) -> list[Applicant]:
    people = list(Applicant.objects.filter(kind=ApplicantKind.CITIZEN))
    for i in range(count - len(people)):
        year = rng.randint(1955, 2004)
        century = 0 if year < 2000 else 2
        number = f"001{century + rng.randint(0, 1)}{year % 100:02d}{rng.randint(0, 999999):06d}"
        if Applicant.objects.filter(id_number=number).exists():
            continue
        people.append(
            applicant_register(
                kind=ApplicantKind.CITIZEN,
                id_type=IdType.CCCD,
                id_number=number,
                name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                date_of_birth=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                address=f"Số {rng.randint(1, 200)} phố {rng.choice(STREETS)}, Hà Nội",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                email=f"congdan{i}@example.vn",
            )  # fmt: skip
        )
    return people


def _staff(agency: Agency, role: str, unit_id: int | None = None) -> Any:
    roles = StaffRole.objects.filter(agency=agency, role=role, is_active=True).select_related("user")
    if unit_id:
        roles = roles.filter(unit_id=unit_id)
    found = roles.first() or StaffRole.objects.filter(agency=agency, role=Role.LEADER, is_active=True).first()
    return found.user if found else None


def _moment(rng: random.Random, cal: Any, day: dt.date) -> dt.datetime:
    day = cal.working_day_on_or_after(day)
    minute = rng.choice([8 * 60, 8 * 60 + 20, 9 * 60 + 10, 10 * 60 + 5, 13 * 60 + 40, 14 * 60 + 30, 15 * 60 + 20])
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=clock.VN_TZ)


class _Caught(Exception):  # noqa: N818 - control flow: the story has reached the present
    pass


class _Story:
    """Moves one dossier along, the clock following it; stops at the planned state."""

    def __init__(
        self,
        rng: random.Random,
        route: Route,
        applicant: Applicant,
        target: str,
        start: dt.datetime,
        present: dt.datetime,
    ) -> None:
        self.rng, self.route, self.applicant, self.target, self.present = rng, route, applicant, target, present
        self.cal = timing.calendar_for(route.desk)
        self.now = start
        self.tet = False  # paused just before Tết 2026 (14–22/02) and resumed after it
        self.desk_user = _staff(route.desk, Role.DESK_OFFICER)
        self.leader = _staff(route.handling, Role.LEADER)
        self.pk = 0

    def later(self, minutes: int) -> dt.datetime:
        self.now = timing.add_minutes(self.now, minutes, self.cal)
        if self.now >= self.present:
            raise _Caught
        return self.now

    def run(self) -> None:
        version = self.route.version
        wants_online = self.target in ("draft", "submitted", "needs_supplement", "withdrawn") or self.rng.random() < 0.3
        online = version.channel_online and (wants_online or not version.channel_counter)
        if wants_online and not online and self.target in ("draft", "withdrawn"):
            self.target = "returned"
        self.fee_rows = {fee.pk: fee.rows[0]["label"] for fee in version.fees.all() if fee.amount is None and fee.rows}
        components = [
            intake.ComponentInput(component_id=c.pk, file_name="ho-so.pdf", content=PDF)
            for c in self.route.version.components.all()
            if c.requirement == "mandatory"
        ]
        with clock.frozen(self.now):
            if online:
                owner = self.applicant.user or self.desk_user
                d = intake.dossier_create(
                    actor=owner, version=self.route.version, applicant=self.applicant,
                    handling_agency=self.route.handling, receiving_agency=self.route.desk, channel=Channel.ONLINE,
                    fee_rows=self.fee_rows,
                )  # fmt: skip
                self.pk = d.pk
                intake.dossier_put_components(actor=owner, dossier_id=d.pk, items=components)
                if self.target == "draft":
                    return
                intake.dossier_submit(actor=owner, dossier_id=d.pk)
                if self.target == "withdrawn":
                    reception.dossier_withdraw(actor=owner, dossier_id=d.pk, reason="Nộp nhầm thủ tục")
                    return
                if self.target == "submitted":
                    return
            else:
                channel = Channel.POSTAL if version.channel_postal and self.rng.random() < 0.1 else Channel.COUNTER
                d = intake.dossier_create(
                    actor=self.desk_user, version=self.route.version, applicant=self.applicant,
                    handling_agency=self.route.handling, receiving_agency=self.route.desk, channel=channel,
                    postal_tracking_no=f"EK{self.rng.randint(10**8, 10**9 - 1)}VN" if channel == Channel.POSTAL else "",
                    fee_rows=self.fee_rows,
                )  # fmt: skip
                self.pk = d.pk
                intake.dossier_put_components(actor=self.desk_user, dossier_id=d.pk, items=components)
                intake.dossier_submit(actor=self.desk_user, dossier_id=d.pk)
        self._reception()

    def _reception(self) -> None:
        with clock.frozen(self.later(self.rng.randint(5, 90))):
            if self.target == "needs_supplement":
                reception.dossier_request_supplement(
                    actor=self.desk_user, dossier_id=self.pk,
                    items=[reception.SupplementItem("Bản sao giấy tờ tùy thân", "Bản chụp không rõ nét")],
                )  # fmt: skip
                return
            if self.target == "refused":
                reception.dossier_refuse(
                    actor=self.desk_user, dossier_id=self.pk, reason="Hồ sơ không thuộc thẩm quyền giải quyết"
                )
                return
            reception.dossier_receive(actor=self.desk_user, dossier_id=self.pk)
        if self.target == "received":
            return
        with clock.frozen(self.later(self.rng.randint(10, 200))):
            if self.target == "stopped":
                results.dossier_stop(
                    actor=self.desk_user, dossier_id=self.pk, reason="Công dân có đơn đề nghị dừng giải quyết"
                )
                return
            processing.dossier_transfer(actor=self.desk_user, dossier_id=self.pk)
        self._processing()

    def _processing(self) -> None:
        late = self.rng.random() < 0.12
        paused = self.target == "paused" or self.tet or self.rng.random() < 0.08
        while True:
            dossier = Dossier.objects.get(pk=self.pk)
            active = list(dossier.steps.filter(status=StepStatus.ACTIVE, is_consultation=False))
            if not active or active[0].kind in ("decide", "return"):
                break
            step = active[0]
            worked = int(step.duration_minutes * (self.rng.uniform(1.1, 1.8) if late else self.rng.uniform(0.3, 0.95)))
            if paused:
                paused = False
                with clock.frozen(self.later(max(30, worked // 2))):
                    processing.dossier_pause(
                        actor=_staff(step.agency, step.role, step.unit_id), dossier_id=self.pk,
                        reason=self.rng.choice([PauseReason.APPLICANT, PauseReason.FINANCIAL]),
                        note="Chờ công dân bổ sung",
                    )  # fmt: skip
                if self.target == "paused":
                    return
                with clock.frozen(self.later(3 * 480 if self.tet else self.rng.randint(480, 4 * 480))):
                    processing.dossier_resume(actor=_staff(step.agency, step.role, step.unit_id), dossier_id=self.pk)
            if late and self.rng.random() < 0.5 and self.leader is not None and not hasattr(dossier, "apology"):
                with clock.frozen(self.later(30)):
                    current = Dossier.objects.get(pk=self.pk).appointment_at or self.now
                    new = timing.add_minutes(max(current, clock.now()), 2 * 480, self.cal)
                    results.dossier_apologise(
                        actor=self.leader, dossier_id=self.pk, new_appointment=new,
                        reason="Cần xác minh thêm thông tin với cơ quan liên quan",
                    )  # fmt: skip
            with clock.frozen(self.later(worked)):
                processing.dossier_handover(
                    actor=_staff(step.agency, step.role, step.unit_id), dossier_id=self.pk, step_id=step.pk
                )
        if self.target in ("in_progress",):
            return
        self._result()

    def _result(self) -> None:
        refused = self.rng.random() < 0.05
        with clock.frozen(self.later(self.rng.randint(30, 300))):
            results.dossier_decide(
                actor=self.leader, dossier_id=self.pk, outcome="refused" if refused else "approved",
                reason="Không đủ điều kiện theo quy định" if refused else "",
            )  # fmt: skip
            results.dossier_attach_result(
                actor=self.leader, dossier_id=self.pk, title="Văn bản trả lời" if refused else "Kết quả giải quyết",
                file_name="ket-qua.pdf", content=PDF,
            )  # fmt: skip
        if self.target == "decided":
            return
        with clock.frozen(self.later(self.rng.randint(20, 120))):
            results.dossier_send_to_desk(actor=self.leader, dossier_id=self.pk)
        if self.target == "result_ready":
            return
        with clock.frozen(self.later(self.rng.randint(60, 900))):
            owed = fee_status(Dossier.objects.get(pk=self.pk)).owed
            if owed:  # the fee is paid at the desk when the result is collected (or was paid online before)
                results.dossier_record_payment(
                    actor=self.desk_user, dossier_id=self.pk, method="cash", amount=owed,
                    receipt_no=f"BL-{self.pk:08d}",
                )  # fmt: skip
            results.dossier_return_result(
                actor=self.desk_user, dossier_id=self.pk, method=self.rng.choice(["desk", "desk", "post", "online"])
            )


def load(stdout: Any) -> None:
    if Dossier.objects.exists():
        stdout.write(f"Dossiers: {Dossier.objects.count()} already there, none added.")
        return
    rng = random.Random(SEED)
    routes = _routes(rng)
    if not routes:
        stdout.write("Dossiers: no published procedure with an approved process; none created.")
        return
    from django.contrib.auth.hashers import make_password

    password = make_password("motcua@2026")
    citizens = [_with_account(p, password) for p in _citizens(rng, 60)]
    organisations = [_with_account(p, password) for p in _organisations(rng, 12)]
    present = clock.now()
    today = clock.today()
    first = today - dt.timedelta(days=330)
    from django.conf import settings

    count = getattr(settings, "MOTCUA_DEMO_DOSSIERS", COUNT)
    targets = [state for state, share in PLAN for _ in range(max(1, round(count * share)))]
    made = failed = 0
    for i, target in enumerate(targets):
        route = routes[i % len(routes)]
        # spread over the last five months; unfinished ones are recent, so they are not all overdue
        finished = target in ("returned", "refused", "withdrawn", "stopped")
        offset = rng.randint(0, 330) if finished else rng.randint(290, 328)
        day = first + dt.timedelta(days=offset)
        tet = i < 8 and target == "returned"
        if tet:  # a few received just before Tết 2026 and paused across it
            day = dt.date(2026, 2, 10) + dt.timedelta(days=i % 3)
        start = _moment(rng, timing.calendar_for(route.desk), day)
        pool = citizens if route.version.for_citizens else organisations
        if route.version.for_citizens and route.version.for_organisations and rng.random() < 0.2:
            pool = organisations
        story = _Story(rng, route, rng.choice(pool), target, start, present)
        story.tet = tet
        if story.desk_user is None or story.leader is None or start >= clock.now():
            continue
        try:
            story.run()
            made += 1
        except _Caught:
            made += 1
        except DomainError as exc:  # a story that hits a rule (e.g. a date in the future) is skipped, and said
            failed += 1
            stdout.write(f"  demo dossier skipped: {exc.code}: {exc.message}")
    # History, not news: the demo's notifications and portal events are kept but not delivered.
    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(
        status=OutboxStatus.HELD, last_error="demo history, not delivered"
    )
    stdout.write(f"Dossiers: {made} created ({failed} skipped), {len(routes)} procedure routes.")
