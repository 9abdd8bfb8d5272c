"""A month of dossiers made through the services, one of each kind the report distinguishes.

Reception Mon 02/03/2026 09:00 with the 2.5-working-day limit gives the due moment Wed 04/03 14:30."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from motcua.catalog.models import Field, ProcedureVersion
from motcua.catalog.services import process_define
from motcua.catalog.tests.factories import make_field, process_content, published
from motcua.core import clock
from motcua.dossiers.models import Channel
from motcua.dossiers.services import intake as online
from motcua.dossiers.services import reception, results
from motcua.dossiers.services.intake import ComponentInput
from motcua.dossiers.tests.factories import PDF, vn
from motcua.metrics.tests.helpers import decide, intake, transfer

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
FEBRUARY = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


@dataclass
class Month:
    civil: Field  # the world's field (Hộ tịch)
    other: Field  # a second field (Chứng thực), to have two rows
    other_version: ProcedureVersion


def received(world: Any, at: dt.datetime, **kw: Any) -> Any:
    dossier = intake(world, at, **kw)
    transfer(world, dossier, at + dt.timedelta(hours=1))
    return dossier


def received_online(world: Any, at: dt.datetime) -> Any:
    with clock.frozen(at):
        dossier = online.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
        )  # fmt: skip
        online.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        online.dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)
        reception.dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    transfer(world, dossier, at + dt.timedelta(hours=1))
    return dossier


def make_month(world: Any) -> Month:
    """Given: in the Hộ tịch field, one dossier carried over from February (decided early on 02/03), one decided
    early, one on time, one late (by post), one left overdue (with an apology), one online left overdue, one received
    on 30/03 still within time, one stopped at the applicant's request; in the Chứng thực field, one decided late."""
    other = make_field("TP-CT", "Chứng thực")
    version = published(code="2.000815", name="Chứng thực bản sao từ bản chính", field_code="TP-CT")
    process_define(version=version, agency=world.city.justice, content=process_content())
    carried = received(world, vn(2026, 2, 27, 9, 0))  # Friday; due Tue 03/03 14:30
    decide(world, carried, vn(2026, 3, 2, 10, 0))
    early, on_time = received(world, vn(2026, 3, 2, 9, 0)), received(world, vn(2026, 3, 2, 9, 0))
    late = received(world, vn(2026, 3, 2, 9, 0), channel=Channel.POSTAL, postal_tracking_no="EE123456789VN")
    decide(world, early, vn(2026, 3, 3, 10, 0))
    decide(world, on_time, vn(2026, 3, 4, 10, 0))
    decide(world, late, vn(2026, 3, 5, 9, 0))
    overdue = received(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        results.dossier_apologise(
            actor=world.leader, dossier_id=overdue.pk, reason="Cần xác minh thêm", new_appointment=vn(2026, 3, 6, 16, 0)
        )
    received_online(world, vn(2026, 3, 3, 9, 0))
    received(world, vn(2026, 3, 30, 9, 0))  # due Wed 01/04 14:30: within time at the end of 31/03
    stopped = received(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 10, 9, 0)):
        results.dossier_stop(actor=world.desk, dossier_id=stopped.pk, reason="Công dân xin dừng")
    parts = [ComponentInput(component_id=c.pk, file_name="to-khai.pdf", content=PDF) for c in version.components.all()]
    other_late = received(world, vn(2026, 3, 9, 9, 0), version=version, components=parts)
    decide(world, other_late, vn(2026, 3, 20, 9, 0))
    return Month(civil=Field.objects.get(code="TP-HT"), other=other, other_version=version)
