"""Petition events and transfers are append-only in the database itself."""

import pytest
from django.db import IntegrityError, connection, transaction

from motcua.core import appendonly
from motcua.petitions.models import PetitionEvent, PetitionTransfer
from motcua.petitions.services import petition_forward
from motcua.petitions.tests.factories import receive


@pytest.mark.parametrize("model", [PetitionEvent, PetitionTransfer])
def test_the_guard_is_installed(db, model):
    assert {"UPDATE", "DELETE"} <= appendonly.installed(connection, model._meta.db_table)


def test_an_event_or_a_transfer_cannot_be_changed_or_deleted(city):
    petition = receive(city)
    petition_forward(actor=None, petition_id=petition.pk, to_agency=city.wards[0], reason="Thuộc thẩm quyền")
    for rows in (PetitionEvent.objects.filter(petition=petition), PetitionTransfer.objects.filter(petition=petition)):
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(reason="sửa")
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.delete()
