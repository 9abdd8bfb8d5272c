"""Demo agencies: Hà Nội after the 2025 reform (two tiers), with a pre-reform district kept for history.

Identifier codes are illustrative but well formed: the provincial bodies use ``000.00.NN.H26`` and the 126
communes/wards (from the ``vietnam-provinces`` package, in its order) ``000.NN.9x.H26``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vietnam_provinces import Ward

from motcua.orgs import services
from motcua.orgs.models import Agency, AgencyKind, Unit

PROVINCE = ("000.00.00.H26", "Ủy ban nhân dân thành phố Hà Nội", "UBND TP Hà Nội")
CENTRE = ("000.00.01.H26", "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "Trung tâm PVHCC Hà Nội")
#: (code, name, short name, [(unit code, unit name)])
DEPARTMENTS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "000.00.10.H26",
        "Sở Tư pháp thành phố Hà Nội",
        "Sở Tư pháp",
        [("HCTP", "Phòng Hành chính tư pháp"), ("BTTP", "Phòng Bổ trợ tư pháp")],
    ),
    (
        "000.00.11.H26",
        "Sở Xây dựng thành phố Hà Nội",
        "Sở Xây dựng",
        [("QLXD", "Phòng Quản lý hoạt động xây dựng")],
    ),
    (
        "000.00.12.H26",
        "Sở Tài chính thành phố Hà Nội",
        "Sở Tài chính",
        [("DKKD", "Phòng Đăng ký kinh doanh")],
    ),
    (
        "000.00.13.H26",
        "Sở Nông nghiệp và Môi trường thành phố Hà Nội",
        "Sở Nông nghiệp và Môi trường",
        [("QLDD", "Phòng Quản lý đất đai")],
    ),
    (
        "000.00.14.H26",
        "Sở Công Thương thành phố Hà Nội",
        "Sở Công Thương",
        [("QLTM", "Phòng Quản lý thương mại")],
    ),
    (
        "000.00.15.H26",
        "Sở Giáo dục và Đào tạo thành phố Hà Nội",
        "Sở Giáo dục và Đào tạo",
        [("GDTX", "Phòng Giáo dục thường xuyên và chuyên nghiệp")],
    ),
    ("000.00.16.H26", "Sở Nội vụ thành phố Hà Nội", "Sở Nội vụ", [("LDVL", "Phòng Lao động - Việc làm")]),
    ("000.00.17.H26", "Sở Y tế thành phố Hà Nội", "Sở Y tế", [("NVD", "Phòng Nghiệp vụ Dược")]),
]
#: The official order of the centre and the departments under the city (the order the Government's decree on
#: provincial departments lists them: Nội vụ, Tư pháp, Tài chính, …), so lists do not follow database ids.
OFFICIAL_ORDER = {
    CENTRE[0]: 1, "000.00.16.H26": 2, "000.00.10.H26": 3, "000.00.12.H26": 4, "000.00.14.H26": 5,
    "000.00.13.H26": 6, "000.00.11.H26": 7, "000.00.15.H26": 8, "000.00.17.H26": 9,
}  # fmt: skip
OFFICE_UNIT = ("VP", "Văn phòng Sở")
DESK_UNIT = ("MC", "Bộ phận tiếp nhận và trả kết quả")
COMMUNE_DESK_UNIT = ("MC", "Trung tâm phục vụ hành chính công")
COMMUNE_OFFICE_UNIT = ("VP", "Văn phòng HĐND và UBND")
#: Pre-reform history: Quận Hoàn Kiếm and three of its wards, replaced on 1 July 2025.
OLD_DISTRICT = ("000.00.20.H26", "Ủy ban nhân dân quận Hoàn Kiếm", "UBND quận Hoàn Kiếm")
OLD_WARDS = [
    ("000.01.20.H26", "Ủy ban nhân dân phường Hàng Bạc", "Phường Hàng Bạc", "phuong_hoan_kiem"),
    ("000.02.20.H26", "Ủy ban nhân dân phường Hàng Trống", "Phường Hàng Trống", "phuong_hoan_kiem"),
    ("000.03.20.H26", "Ủy ban nhân dân phường Cửa Nam", "Phường Cửa Nam (cũ)", "phuong_cua_nam"),
]
REFORM_DAY = dt.date(2025, 7, 1)


def commune_code(index: int) -> str:
    """Identifier code of the index-th commune/ward of Hà Nội (0-based, package order)."""
    return f"000.{index % 99 + 1:02d}.{90 + index // 99}.H26"


def hanoi_wards() -> list[Any]:
    return [ward for ward in Ward.iter_all() if int(ward.province_code) == 1]


def _agency(code: str, name: str, kind: str, parent: Agency | None, **fields: Any) -> Agency:
    existing = Agency.objects.filter(code=code).first()
    if existing:
        return existing
    return services.agency_create(code=code, name=name, kind=kind, parent=parent, **fields)


def _units(agency: Agency, units: list[tuple[str, str]]) -> None:
    for code, name in units:
        if not Unit.objects.filter(agency=agency, code=code).exists():
            services.unit_create(agency=agency, code=code, name=name)


def load(stdout: Any) -> None:
    province = _agency(PROVINCE[0], PROVINCE[1], AgencyKind.PROVINCE, None, short_name=PROVINCE[2])
    centre = _agency(
        CENTRE[0],
        CENTRE[1],
        AgencyKind.ONE_STOP_CENTRE,
        province,
        short_name=CENTRE[2],
        address="Số 258 Võ Chí Công, phường Xuân Đỉnh, Hà Nội",
    )
    _units(centre, [DESK_UNIT])
    departments = []
    for code, name, short, units in DEPARTMENTS:
        department = _agency(code, name, AgencyKind.DEPARTMENT, province, short_name=short)
        _units(department, [*units, OFFICE_UNIT])
        departments.append(department)
    if not centre.served_agencies.exists():
        services.agency_set_served(centre=centre, served=departments)

    wards = hanoi_wards()
    kinds = {"phường": AgencyKind.WARD, "xã": AgencyKind.COMMUNE, "đặc khu": AgencyKind.SPECIAL_ZONE}
    by_codename: dict[str, Agency] = {}
    for index, ward in enumerate(wards):
        kind = kinds[ward.division_type.value]
        commune = _agency(
            commune_code(index),
            f"Ủy ban nhân dân {ward.name[0].lower()}{ward.name[1:]}",
            kind,
            province,
            short_name=ward.name,
            admin_code=f"{int(ward.code):05d}",
            valid_from=REFORM_DAY,
        )
        economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if kind == AgencyKind.WARD else "Phòng Kinh tế"
        _units(
            commune,
            [COMMUNE_DESK_UNIT, ("VHXH", "Phòng Văn hóa - Xã hội"), ("KT", economy), COMMUNE_OFFICE_UNIT],
        )
        by_codename[ward.codename] = commune

    district = _agency(
        OLD_DISTRICT[0],
        OLD_DISTRICT[1],
        AgencyKind.DISTRICT,
        province,
        short_name=OLD_DISTRICT[2],
        is_active=False,
        valid_to=REFORM_DAY - dt.timedelta(days=1),
    )
    for code, name, short, successor in OLD_WARDS:
        old = _agency(
            code,
            name,
            AgencyKind.WARD,
            district,
            short_name=short,
            is_active=False,
            valid_to=REFORM_DAY - dt.timedelta(days=1),
        )
        new = by_codename[successor]
        if not new.predecessors.filter(pk=old.pk).exists():
            services.agency_set_predecessors(agency=new, predecessors=[*new.predecessors.all(), old])
    for code, order in OFFICIAL_ORDER.items():
        Agency.objects.filter(code=code, official_order__isnull=True).update(official_order=order)
    stdout.write(f"Agencies: {Agency.objects.count()} agencies, {Unit.objects.count()} units.")
