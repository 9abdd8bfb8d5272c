"""Counter intake in one call: find the applicant by number or register them, then the dossiers service's
one-pass intake (create, components, submit, receive). Composition only; every rule is in the services it calls."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from motcua.accounts.actors import Actor
from motcua.accounts.models import Applicant, ApplicantKind, IdType
from motcua.accounts.services import applicant_register, normalise_identity
from motcua.catalog.models import ProcedureVersion
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.building import ComponentInput
from motcua.dossiers.services.reception import dossier_intake_at_desk
from motcua.orgs.models import Agency

ID_TYPES = {ApplicantKind.CITIZEN: IdType.CCCD, ApplicantKind.ORGANISATION: IdType.TAX_CODE}


def find_applicant(*, kind: str, id_number: str) -> Applicant | None:
    """The known applicant with this number (re-used at the desk), or None (also for a malformed number)."""
    id_type = ID_TYPES.get(ApplicantKind(kind)) if kind in ApplicantKind.values else None
    if id_type is None:
        return None
    try:
        number = normalise_identity(kind=kind, id_type=id_type, id_number=id_number)
    except ValidationFailed:  # a malformed number is not found here; the registration reports it
        return None
    return Applicant.objects.filter(id_type=id_type, id_number=number).first()


@transaction.atomic
def counter_intake(
    *,
    actor: Actor,
    version: ProcedureVersion,
    handling_agency: Agency,
    receiving_agency: Agency,
    kind: str,
    id_number: str,
    components: list[ComponentInput],
    name: str = "",
    date_of_birth: dt.date | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    channel: int = 1,
    postal_tracking_no: str = "",
    sets: int = 1,
    note: str = "",
    fee_rows: dict[int, str] | None = None,
) -> Dossier:
    applicant = find_applicant(kind=kind, id_number=id_number)
    if applicant is None:
        applicant = applicant_register(
            kind=kind, id_type=ID_TYPES[ApplicantKind(kind)], id_number=id_number, name=name,
            date_of_birth=date_of_birth, address=address, phone=phone, email=email,
        )  # fmt: skip
    return dossier_intake_at_desk(
        actor=actor, version=version, applicant=applicant, handling_agency=handling_agency,
        receiving_agency=receiving_agency, components=components, channel=channel,
        postal_tracking_no=postal_tracking_no, sets=sets, note=note, fee_rows=fee_rows,
    )  # fmt: skip
