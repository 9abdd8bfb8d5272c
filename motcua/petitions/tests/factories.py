"""A petition received at a given moment, and the staff who act on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.catalog.tests.factories import City
from motcua.core import clock
from motcua.dossiers.tests.factories import staff, vn
from motcua.orgs.models import Role
from motcua.petitions.models import Channel, Petition
from motcua.petitions.services import Sender, petition_receive

SENDER = Sender(name="Trần Thị Bình", address="12 Hàng Bạc, Hoàn Kiếm", phone="0912 345 678")


def receive(city: City, at: dt.datetime | None = None, **overrides: Any) -> Petition:
    """A portal petition to the Department of Justice, received on Monday 2 March 2026 at 9:00 by default."""
    values: dict[str, Any] = {
        "actor": None,
        "handling_agency": city.justice,
        "sender": SENDER,
        "content": "Thủ tục cấp phiếu lý lịch tư pháp yêu cầu giấy tờ không cần thiết.",
        "channel": Channel.PORTAL,
    }
    values.update(overrides)
    with clock.frozen(at or vn(2026, 3, 2, 9, 0)):
        return petition_receive(**values)


class Staff:
    def __init__(self, city: City) -> None:
        self.desk = staff(city.centre, Role.DESK_OFFICER)
        self.specialist = staff(city.justice, Role.SPECIALIST, "HCTP")
        self.leader = staff(city.justice, Role.LEADER, "HCTP")
        self.ward_desk = staff(city.wards[0], Role.DESK_OFFICER)
