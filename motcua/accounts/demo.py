"""Demo people: staff of every role across the Hà Nội demo agencies, citizens and businesses.

Every demo account has the password ``DEMO_PASSWORD``; one hash is computed and shared so loading stays fast.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.hashers import make_password

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_register
from motcua.core import clock
from motcua.orgs.models import Agency, AgencyKind, Delegation, Role, StaffRole, Unit

DEMO_PASSWORD = "motcua@2026"  # noqa: S105 - demo data, printed for the user

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh", "Hữu", "Hồng"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
         "Yến"]  # fmt: skip

#: The logins printed by `motcua demo`: (user name, agency code, unit code or None, role, who).
CURATED: list[tuple[str, str, str | None, str, str]] = [
    ("motcua.tphn", "000.00.01.H26", "MC", Role.DESK_OFFICER, "cán bộ một cửa, Trung tâm PVHCC Hà Nội"),
    ("sotp.cv", "000.00.10.H26", "HCTP", Role.SPECIALIST, "chuyên viên, Sở Tư pháp"),
    ("sotp.tp", "000.00.10.H26", "HCTP", Role.LEADER, "trưởng phòng Hành chính tư pháp, Sở Tư pháp"),
    ("sotp.gd", "000.00.10.H26", None, Role.LEADER, "giám đốc Sở Tư pháp (ký)"),
    ("sotp.pgd", "000.00.10.H26", None, Role.SPECIALIST, "phó giám đốc Sở Tư pháp (được ủy quyền ký)"),
    ("sotp.qt", "000.00.10.H26", "VP", Role.AGENCY_ADMIN, "quản trị Sở Tư pháp"),
    ("hoankiem.mc", "000.01.90.H26", "MC", Role.DESK_OFFICER, "cán bộ một cửa, phường Hoàn Kiếm"),
    ("hoankiem.ct", "000.01.90.H26", None, Role.LEADER, "chủ tịch UBND phường Hoàn Kiếm"),
    ("thanhtra.hn", "000.00.00.H26", None, Role.INSPECTOR, "thanh tra, xem toàn thành phố"),
    ("quantri", "000.00.00.H26", None, Role.SYSTEM_ADMIN, "quản trị hệ thống"),
]

#: Job titles of the curated logins (shown in staff pickers instead of the bare role).
JOB_TITLES: dict[str, str] = {
    "sotp.cv": "Chuyên viên",
    "sotp.tp": "Trưởng phòng",
    "sotp.gd": "Giám đốc",
    "sotp.pgd": "Phó Giám đốc",
    "hoankiem.ct": "Chủ tịch",
}
#: Job titles of the generic staff, by the end of their user name.
GENERIC_TITLES: dict[str, str] = {".chuyenvien": "Chuyên viên", ".truongphong": "Trưởng phòng"}

#: Demo applicants: (kind, id type, number, name, date of birth, address, phone, e-mail, login?)
APPLICANTS: list[tuple[str, str, str, str, dt.date | None, str, str, str, bool]] = [
    (ApplicantKind.CITIZEN, IdType.CCCD, "001090012345", "Nguyễn Văn An", dt.date(1990, 3, 14),
     "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội", "0912345678", "an.nguyen@example.vn", True),
    (ApplicantKind.CITIZEN, IdType.CCCD, "001185004321", "Trần Thị Bích Ngọc", dt.date(1985, 11, 2),
     "Số 5 ngõ 12 Đào Tấn, phường Ngọc Hà, Hà Nội", "0987654321", "ngoc.tran@example.vn", True),
    (ApplicantKind.CITIZEN, IdType.CCCD, "036201000777", "Lê Minh Khôi", dt.date(2001, 6, 30),
     "Thôn Đông, xã Sóc Sơn, Hà Nội", "0904111222", "", False),
    (ApplicantKind.CITIZEN, IdType.PASSPORT, "C1234567", "Kim Min-jun", dt.date(1988, 1, 9),
     "Tòa Lotte, phường Giảng Võ, Hà Nội", "0936000111", "minjun.kim@example.kr", False),
    (ApplicantKind.ORGANISATION, IdType.TAX_CODE, "0100109106", "Công ty TNHH Thương mại Hoàn Kiếm", None,
     "Số 1 phố Tràng Tiền, phường Cửa Nam, Hà Nội", "02438250000", "lienhe@hoankiem-tm.example.vn", True),
    (ApplicantKind.ORGANISATION, IdType.TAX_CODE, "0314409058-002", "Chi nhánh Hà Nội - Công ty CP Xây dựng Sông Hồng",
     None, "Số 88 Láng Hạ, phường Láng, Hà Nội", "02437760000", "", False),
]  # fmt: skip


def _job_title(username: str) -> str:
    if username in JOB_TITLES:
        return JOB_TITLES[username]
    return next((title for end, title in GENERIC_TITLES.items() if username.endswith(end)), "")


def _names() -> itertools.cycle[str]:
    return itertools.cycle(
        f"{s} {m} {g}" for g, s, m in zip(GIVEN * 6, itertools.cycle(SURNAMES), itertools.cycle(MIDDLE), strict=False)
    )


def _role_rows() -> list[tuple[str, Agency, Unit | None, str]]:
    """(user name, agency, unit, role) for the generic staff of every demo agency and unit."""
    rows: list[tuple[str, Agency, Unit | None, str]] = []
    agencies = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.PROVINCE).order_by("code")
    units_by_agency: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(agency__in=agencies).order_by("code"):
        units_by_agency.setdefault(unit.agency_id, []).append(unit)
    for agency in agencies:
        prefix = agency.code.replace(".", "")
        if agency.kind != AgencyKind.ONE_STOP_CENTRE:
            rows.append((f"{prefix}.lanhdao", agency, None, Role.LEADER))
        for unit in units_by_agency.get(agency.pk, []):
            base = f"{prefix}.{unit.code.lower()}"
            if unit.code == "MC":
                rows.append((f"{base}.motcua", agency, unit, Role.DESK_OFFICER))
            elif unit.code == "VP":
                rows.append((f"{base}.quantri", agency, unit, Role.AGENCY_ADMIN))
            else:
                rows.extend(
                    [
                        (f"{base}.chuyenvien", agency, unit, Role.SPECIALIST),
                        (f"{base}.truongphong", agency, unit, Role.LEADER),
                    ]
                )
    return rows


def load(stdout: Any) -> list[tuple[str, str, str]]:
    password = make_password(DEMO_PASSWORD)
    names = _names()
    existing = set(User.objects.values_list("username", flat=True))
    agencies = {a.code: a for a in Agency.objects.all()}
    units = {(u.agency.code, u.code): u for u in Unit.objects.select_related("agency")}
    wanted: list[tuple[str, Agency, Unit | None, str]] = [
        (username, agencies[code], units[(code, unit)] if unit else None, role)
        for username, code, unit, role, _who in CURATED
    ]
    wanted += _role_rows()
    new_users = [
        User(
            username=username,
            full_name=next(names),
            password=password,
            email=f"{username}@hanoi.gov.example.vn",
        )
        for username, *_rest in wanted
        if username not in existing
    ]
    User.objects.bulk_create(new_users)
    users = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    have = set(StaffRole.objects.values_list("user__username", "agency_id", "unit_id", "role"))
    StaffRole.objects.bulk_create(
        [
            StaffRole(user=users[username], agency=agency, unit=unit, role=role, job_title=_job_title(username))
            for username, agency, unit, role in wanted
            if (username, agency.pk, unit.pk if unit else None, role) not in have
        ]
    )
    User.objects.filter(username="quantri").update(is_staff=True, is_superuser=True)
    _delegation(users)
    _applicants(password)
    stdout.write(f"People: {User.objects.count()} users, {Applicant.objects.count()} applicants.")
    logins = [(username, DEMO_PASSWORD, who) for username, _c, _u, _r, who in CURATED]
    logins += [
        (number, DEMO_PASSWORD, f"người nộp: {name}") for _k, _t, number, name, *_r, login in APPLICANTS if login
    ]
    return logins


def _delegation(users: dict[str, User]) -> None:
    agency = Agency.objects.get(code="000.00.10.H26")
    if Delegation.objects.filter(delegator=users["sotp.gd"], delegate=users["sotp.pgd"]).exists():
        return
    start = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    Delegation.objects.create(
        delegator=users["sotp.gd"],
        delegate=users["sotp.pgd"],
        agency=agency,
        starts_at=start - dt.timedelta(days=30),
        ends_at=start + dt.timedelta(days=365),
        reason="Giám đốc ủy quyền Phó Giám đốc ký kết quả lĩnh vực hộ tịch",
    )


def _applicants(password: str) -> None:
    for kind, id_type, number, name, dob, address, phone, email, login in APPLICANTS:
        applicant = Applicant.objects.filter(id_type=id_type, id_number=number).first()
        if applicant is None:
            applicant = applicant_register(
                kind=kind, id_type=id_type, id_number=number, name=name, date_of_birth=dob,
                address=address, phone=phone, email=email,
            )  # fmt: skip
        if login and applicant.user_id is None:
            user = User.objects.create(username=applicant.id_number, full_name=name, email=email, password=password)
            applicant.user = user
            applicant.save(update_fields=["user"])
