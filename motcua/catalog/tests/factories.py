"""Builders for catalogue tests: a small Hà Nội with staff, fields, decisions and version contents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import count
from typing import Any

from motcua.accounts.models import User
from motcua.catalog import services
from motcua.catalog.content import (
    ComponentData,
    FeeData,
    FeeRow,
    LegalBasisData,
    ProcessContent,
    StepData,
    VersionContent,
)
from motcua.catalog.models import Decision, Field, ProcedureVersion
from motcua.orgs.models import Agency, AgencyKind, Role, StaffRole, Unit
from motcua.orgs.services import agency_create, unit_create

_seq = count(1)

JUSTICE = "000.00.10.H26"
CENTRE = "000.00.01.H26"
HOAN_KIEM = "000.01.90.H26"
CUA_NAM = "000.02.90.H26"


def make_staff(agency: Agency, unit: Unit | None, role: str) -> User:
    user = User.objects.create(username=f"staff{next(_seq)}", full_name="Cán bộ")
    StaffRole.objects.create(user=user, agency=agency, unit=unit, role=role)
    return user


@dataclass
class City:
    province: Agency
    centre: Agency
    justice: Agency
    wards: list[Agency]

    def unit(self, agency: Agency, code: str) -> Unit:
        return Unit.objects.get(agency=agency, code=code)


def make_city(*, staffed: bool = True) -> City:
    """UBND Hà Nội, the one-stop centre (MC), Sở Tư pháp (HCTP, VP) and two wards (MC, VHXH, KT)."""
    province = agency_create(code="000.00.00.H26", name="UBND thành phố Hà Nội", kind=AgencyKind.PROVINCE)
    centre = agency_create(
        code=CENTRE, name="Trung tâm Phục vụ hành chính công", kind=AgencyKind.ONE_STOP_CENTRE, parent=province
    )
    justice = agency_create(code=JUSTICE, name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=province)
    wards = [
        agency_create(code=HOAN_KIEM, name="Phường Hoàn Kiếm", kind=AgencyKind.WARD, parent=province),
        agency_create(code=CUA_NAM, name="Phường Cửa Nam", kind=AgencyKind.WARD, parent=province),
    ]
    mc = unit_create(agency=centre, code="MC", name="Bộ phận tiếp nhận và trả kết quả")
    units = [unit_create(agency=justice, code="HCTP", name="Phòng Hành chính tư pháp")]
    unit_create(agency=justice, code="VP", name="Văn phòng Sở")
    if staffed:
        make_staff(centre, mc, Role.DESK_OFFICER)
    for ward in wards:
        ward_mc = unit_create(agency=ward, code="MC", name="Trung tâm phục vụ hành chính công")
        units.append(unit_create(agency=ward, code="VHXH", name="Phòng Văn hóa - Xã hội"))
        units.append(unit_create(agency=ward, code="KT", name="Phòng Kinh tế, Hạ tầng và Đô thị"))
        if staffed:
            make_staff(ward, ward_mc, Role.DESK_OFFICER)
    if staffed:
        for unit in units:
            make_staff(unit.agency, unit, Role.SPECIALIST)
            make_staff(unit.agency, unit, Role.LEADER)
    return City(province=province, centre=centre, justice=justice, wards=wards)


def make_field(code: str = "TP-HT", name: str = "Hộ tịch", sector: str = "Tư pháp") -> Field:
    return services.field_save(code=code, name=name, sector=sector)


def make_decision(
    number: str | None = None, signed_on: dt.date = dt.date(2025, 6, 20), effective_on: dt.date | None = None
) -> Decision:
    return services.decision_create(
        number=number or f"{next(_seq)}/QĐ-UBND",
        signed_on=signed_on,
        signer="Phó Chủ tịch UBND thành phố",
        effective_on=effective_on or signed_on,
    )


def content(**overrides: Any) -> VersionContent:
    """A complete department-level version content (Sở Tư pháp, 3 → 2.5 working days)."""
    base = VersionContent(
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        field_code="TP-HT",
        level="province",
        implementing_agency="Sở Tư pháp",
        agency_codes=(JUSTICE,),
        limit_amount=Decimal(3),
        limit_unit="working_day",
        committed_amount=Decimal("2.5"),
        committed_unit="working_day",
        sequence="Nộp hồ sơ; thẩm định; trả kết quả.",
        results=("Phiếu lý lịch tư pháp",),
        legal_bases=(
            LegalBasisData(number="28/2009/QH12", title="Luật Lý lịch tư pháp", effective_on=dt.date(2010, 7, 1)),
        ),
        components=(ComponentData(name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", originals=1),),
        fees=(FeeData(kind="charge", name="Lệ phí cấp Phiếu lý lịch tư pháp", amount=200000),),
    )
    return replace(base, **overrides)


def table_fee() -> FeeData:
    return FeeData(
        kind="fee",
        name="Phí chứng thực bản sao",
        rows=(FeeRow("Trang thứ nhất, thứ hai", 2000), FeeRow("Từ trang thứ ba", 1000)),
        legal_basis="Thông tư 226/2016/TT-BTC",
    )


def step(
    kind: str,
    role: str,
    hours: str,
    *,
    unit: str = "",
    agency: str = "",
    group: str = "",
    unit_of: str = "working_hour",
) -> StepData:
    return StepData(
        kind=kind,
        role=role,
        duration_amount=Decimal(hours),
        duration_unit=unit_of,
        agency_code=agency,
        unit_code=unit,
        parallel_group=group,
    )


def justice_steps() -> tuple[StepData, ...]:
    """Centre desk receives (4 h), HCTP appraises (8 h), the leader signs (4 h), the desk returns (4 h) = 2.5 days."""
    return (
        step("receive", "desk_officer", "4", agency=CENTRE, unit="MC"),
        step("appraise", "specialist", "8", unit="HCTP"),
        step("decide", "leader", "1", unit="HCTP", unit_of="half_day"),
        step("return", "desk_officer", "4", agency=CENTRE, unit="MC"),
    )


def published(code: str = "2.000488", decision: Decision | None = None, **overrides: Any) -> ProcedureVersion:
    version = services.version_create_draft(code=code, content=content(**overrides))
    return services.version_publish(version=version, decision=decision or make_decision())


def process_content(steps: tuple[StepData, ...] | None = None, **kw: Any) -> ProcessContent:
    return ProcessContent(steps=steps if steps is not None else justice_steps(), **kw)
