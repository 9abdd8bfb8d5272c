"""Demo ratings and index: a tablet at each one-stop desk, ratings of most returned demo dossiers (through the
rating service, at the moment they would have been given, by every channel), and the aggregates folded.

The index parameters are seeded by the migrations. If dossiers were made before the index existed, their facts are
recounted first. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from motcua.core import clock
from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import tracking_token
from motcua.metrics.models import DossierFact
from motcua.metrics.services.compaction import compact
from motcua.metrics.services.rebuild import recount_all
from motcua.orgs.models import Role, StaffRole
from motcua.ratings import services
from motcua.ratings.models import Attitude, BodiesContacted, CameBack, Channel, Kiosk, Rating

SEED = 766
RATED_SHARE = 0.85
SATISFIED_SHARE = 0.93
COMMENTS = ["Cán bộ hướng dẫn tận tình.", "Trả kết quả sớm hơn hẹn.", "Thủ tục nhanh gọn.", ""]


def _desk_officer(agency_id: int) -> Any:
    role = StaffRole.objects.filter(agency_id=agency_id, role=Role.DESK_OFFICER, is_active=True).first()
    return role.user if role else None


def _kiosk(agency_id: int) -> Kiosk:
    kiosk, _created = Kiosk.objects.get_or_create(agency_id=agency_id, name="Quầy 1")
    return kiosk


def _rate(dossier: Dossier, rng: random.Random) -> bool:
    assert dossier.returned_at is not None  # noqa: S101 - returned dossiers only
    satisfied = rng.random() < SATISFIED_SHARE
    answers: services.Answers = {
        "satisfied": satisfied,
        "came_back": rng.choice([CameBack.NONE, CameBack.NONE, CameBack.ONCE, ""]),
        "bodies_contacted": rng.choice([BodiesContacted.DESK_ONLY, BodiesContacted.NONE, ""]),
        "attitude": Attitude.COURTEOUS if satisfied else rng.choice([Attitude.ACCEPTABLE, Attitude.COMPLAINT]),
        "comment": rng.choice(COMMENTS) if satisfied else "Phải chờ lâu.",
    }
    channel = rng.choice([Channel.QR, Channel.QR, Channel.KIOSK, Channel.PAPER])
    officer = _desk_officer(dossier.receiving_agency_id)
    if officer is None:
        channel = Channel.QR
    with clock.frozen(dossier.returned_at + dt.timedelta(minutes=rng.randint(1, 90))):
        try:
            if channel == Channel.KIOSK:
                kiosk = services.kiosk_present(
                    actor=officer, kiosk_id=_kiosk(dossier.receiving_agency_id).pk, dossier_code=dossier.code or ""
                )
                services.rating_submit(dossier_id=dossier.pk, channel=channel, kiosk=kiosk, **answers)
            elif channel == Channel.PAPER:
                services.rating_submit(dossier_id=dossier.pk, channel=channel, actor=officer, **answers)
            else:
                token = tracking_token(dossier.code or "")
                services.rating_submit(dossier_id=dossier.pk, channel=channel, token=token, **answers)
        except DomainError:
            return False
    return True


def load(stdout: Any) -> None:
    received = Dossier.objects.filter(received_at__isnull=False).count()
    if DossierFact.objects.count() != received:
        recount_all()
        stdout.write(f"Index: recounted {received} dossiers.")
    rng = random.Random(SEED)
    returned = list(Dossier.objects.filter(state="returned").exclude(ratings__isnull=False).order_by("pk"))
    rated = 0
    for dossier in returned:
        if rng.random() < RATED_SHARE and _rate(dossier, rng):
            rated += 1
    folded = compact()
    stdout.write(
        f"Ratings: {rated} added ({Rating.objects.filter(is_current=True).count()} in all); index: {folded} "
        f"journal rows folded."
    )
