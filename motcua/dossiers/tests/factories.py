"""A small Hà Nội where dossiers can be filed: the Sở Tư pháp procedure of the catalogue tests, its process,
the national working calendar, staff and applicants."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from motcua.accounts.models import Applicant, ApplicantKind, IdType, User
from motcua.accounts.services import applicant_register
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import process_define
from motcua.catalog.tests.factories import City, make_city, make_field, process_content, published
from motcua.core import clock
from motcua.dossiers.services.intake import ComponentInput
from motcua.dossiers.tests import samples
from motcua.orgs.models import Role, StaffRole
from motcua.orgs.services import agency_set_served

#: A real one-page PDF and a real PNG image (uploads are parsed: magic numbers alone are refused).
PDF = samples.pdf(text="To khai")
PNG = samples.image("PNG", (8, 8))


def vn(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=clock.VN_TZ)


def staff(agency: Any, role: str, unit_code: str | None = None) -> User:
    roles = StaffRole.objects.filter(agency=agency, role=role)
    if unit_code:
        roles = roles.filter(unit__code=unit_code)
    return roles.select_related("user").first().user  # type: ignore[union-attr]


@dataclass
class World:
    city: City
    version: ProcedureVersion
    citizen: Applicant
    citizen_user: User
    desk: User
    specialist: User
    leader: User

    def components(self) -> list[ComponentInput]:
        return [
            ComponentInput(component_id=c.pk, file_name="to-khai.pdf", content=PDF)
            for c in self.version.components.all()
        ]


def load_national_calendar() -> None:
    from motcua.workcalendar import demo

    demo.load(stdout=io.StringIO())


def make_world() -> World:
    load_national_calendar()
    city = make_city()
    agency_set_served(centre=city.centre, served=[city.justice])
    make_field()
    version = published()
    process_define(version=version, agency=city.justice, content=process_content())
    citizen = applicant_register(
        kind=ApplicantKind.CITIZEN, id_type=IdType.CCCD, id_number="001090012345", name="Nguyễn Văn An",
        date_of_birth=dt.date(1990, 3, 14), phone="0912345678", email="an@example.vn",
    )  # fmt: skip
    user = User.objects.create(username=citizen.id_number, full_name=citizen.name, email=citizen.email)
    citizen.user = user
    citizen.save(update_fields=["user"])
    leader_agency = StaffRole.objects.create(
        user=User.objects.create(username="giamdoc", full_name="Giám đốc Sở"), agency=city.justice, role=Role.LEADER
    ).user
    return World(
        city=city,
        version=version,
        citizen=citizen,
        citizen_user=user,
        desk=staff(city.centre, Role.DESK_OFFICER),
        specialist=staff(city.justice, Role.SPECIALIST, "HCTP"),
        leader=leader_agency,
    )


def settle_fees(actor: Any, dossier_id: int) -> None:
    """Pay what the dossier still owes, in cash at the desk (a result is returned only with its fees settled)."""
    from motcua.dossiers.fees import fee_status
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.services import results

    owed = fee_status(Dossier.objects.get(pk=dossier_id)).owed
    if owed:
        results.dossier_record_payment(
            actor=actor, dossier_id=dossier_id, method="cash", amount=owed, receipt_no=f"BL-{dossier_id:08d}"
        )


def in_progress(world: World, at: dt.datetime | None = None) -> Any:
    """A dossier of ``world``'s procedure received at the city's desk at ``at`` (Monday 2 March 2026, 9:00 by
    default) and transferred to the Department of Justice."""
    from motcua.core import clock
    from motcua.dossiers.services import processing, reception

    with clock.frozen(at or vn(2026, 3, 2, 9, 0)):
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    return dossier
