"""Two wards of one city, each receiving a ward-level procedure, and the staff of every role: the world of the
file-access tests (issue 12, item 1).

The applicant An has a file in a dossier at Phường Hoàn Kiếm ("home") and one at Phường Cửa Nam ("away"); the
applicant Bình has one at Cửa Nam ("stranger"). The staff roles sit at Hoàn Kiếm, except the other agency's desk
officer (Cửa Nam) and the system administrator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_register
from motcua.catalog import services as catalog
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests.factories import process_content, published, step
from motcua.core import clock
from motcua.dossiers.models import Dossier, StoredFile
from motcua.dossiers.services.intake import ComponentInput
from motcua.dossiers.services.reception import dossier_intake_at_desk
from motcua.dossiers.tests.factories import PDF, World, make_world, staff, vn
from motcua.orgs.models import Agency, Role
from motcua.orgs.tests.factories import make_staff

AT = vn(2026, 3, 2, 9, 0)

ROLES = (
    "desk officer, own agency",
    "desk officer, other agency",
    "specialist",
    "leader",
    "inspector",
    "agency admin",
    "system admin",
    "owner applicant",
    "other applicant",
    "anonymous",
)
FILES = ("home", "away", "stranger", "missing")


@dataclass
class TwoWards:
    world: World
    version: ProcedureVersion
    home: Agency
    away: Agency
    an: Applicant
    binh: Applicant
    dossiers: dict[str, Dossier]
    file_ids: dict[str, int]
    actors: dict[str, Any]

    def components(self, name: str = "giay-to.pdf", content: bytes = PDF) -> list[ComponentInput]:
        return [
            ComponentInput(component_id=c.pk, file_name=name, content=content) for c in self.version.components.all()
        ]


def ward_version() -> ProcedureVersion:
    """A commune/ward procedure with one template process approved for every ward (2.5 working days)."""
    version = published(
        code="1.004873", name="Cấp Giấy xác nhận tình trạng hôn nhân", level="commune",
        implementing_agency="UBND cấp xã", agency_codes=(), agency_kinds=("commune", "ward"),
    )  # fmt: skip
    steps = (
        step("receive", "desk_officer", "4", unit="MC"),
        step("appraise", "specialist", "8", unit="VHXH"),
        step("decide", "leader", "4", unit="VHXH"),
        step("return", "desk_officer", "4", unit="MC"),
    )
    draft = catalog.process_save_draft(version=version, agency=None, content=process_content(steps))
    catalog.process_approve(process=draft)
    return version


def _citizen(id_number: str, name: str, born: dt.date, phone: str) -> Applicant:
    applicant = applicant_register(
        kind=ApplicantKind.CITIZEN, id_type=IdType.CCCD, id_number=id_number, name=name, date_of_birth=born,
        phone=phone,
    )  # fmt: skip
    applicant.user = User.objects.create(username=id_number, full_name=name)
    applicant.save(update_fields=["user"])
    return applicant


def make_two_wards() -> TwoWards:
    world = make_world()
    version = ward_version()
    home, away = world.city.wards
    an = world.citizen
    binh = _citizen("001185004321", "Trần Thị Bình", dt.date(1985, 5, 5), "0987654321")
    desk_home, desk_away = staff(home, Role.DESK_OFFICER), staff(away, Role.DESK_OFFICER)
    made = TwoWards(world, version, home, away, an, binh, {}, {}, {})
    with clock.frozen(AT):
        for name, applicant, agency, desk in (
            ("home", an, home, desk_home),
            ("away", an, away, desk_away),
            ("stranger", binh, away, desk_away),
        ):
            dossier = dossier_intake_at_desk(
                actor=desk, version=version, applicant=applicant, handling_agency=agency, receiving_agency=agency,
                components=made.components(f"{name}.pdf"),
            )  # fmt: skip
            made.dossiers[name] = dossier
            made.file_ids[name] = dossier.components.get().file_id
    made.file_ids["missing"] = (StoredFile.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    made.actors = {
        "desk officer, own agency": desk_home,
        "desk officer, other agency": desk_away,
        "specialist": staff(home, Role.SPECIALIST, "VHXH"),
        "leader": staff(home, Role.LEADER, "VHXH"),
        "inspector": make_staff(home, Role.INSPECTOR),
        "agency admin": make_staff(home, Role.AGENCY_ADMIN),
        "system admin": make_staff(world.city.province, Role.SYSTEM_ADMIN),
        "owner applicant": an.user,
        "other applicant": binh.user,
        "anonymous": AnonymousUser(),
    }
    return made
