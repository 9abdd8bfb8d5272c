"""What the public may see of a petition (the portal's list, Open311): the rule of consent and of places, once.

The sender's name only when they consented to publishing it; the exact place (address and coordinates) only for a
field report — a petition about a regulation or an official's conduct never shows where the sender was.
Phone, e-mail, address and attachments are never public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from motcua.petitions.models import Petition, Track


@dataclass(frozen=True)
class PublicPetition:
    code: str
    state: str
    state_label: str
    content: str
    answer: str
    track: str
    content_type: str
    field_name: str
    agency_name: str
    received_at: dt.datetime
    published_at: dt.datetime | None
    expected_at: dt.datetime | None
    sender_name: str
    place_address: str
    latitude: Decimal | None
    longitude: Decimal | None


def public_view(petition: Petition) -> PublicPetition:
    shows_place = petition.track == Track.FIELD_REPORT
    return PublicPetition(
        code=petition.code,
        state=petition.state,
        state_label=str(petition.get_state_display()),
        content=petition.content,
        answer=petition.answer if petition.published_at else "",
        track=petition.track,
        content_type=petition.content_type,
        field_name=petition.field.name if petition.field_id and petition.field else "",
        agency_name=petition.handling_agency.name if petition.handling_agency_id else "",
        received_at=petition.received_at,
        published_at=petition.published_at,
        expected_at=petition.answer_due_at,
        sender_name=petition.sender_name if petition.publish_name else "",
        place_address=petition.place_address if shows_place else "",
        latitude=petition.latitude if shows_place else None,
        longitude=petition.longitude if shows_place else None,
    )
