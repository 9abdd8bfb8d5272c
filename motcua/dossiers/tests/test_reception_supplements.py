"""Supplement at reception more than once (issue 13 §2): a second request needs its reason, is counted (the 766
index: more than one supplement request is overdue) and shown to the leaders."""

import pytest

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Channel
from motcua.dossiers.services import reception
from motcua.dossiers.services.intake import dossier_create, dossier_put_components, dossier_submit
from motcua.dossiers.services.reception import SupplementItem
from motcua.dossiers.tests.factories import vn
from motcua.metrics.models import DossierFact


def submitted(world):
    dossier = dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
        receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
    return dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)


def ask(world, dossier, note=""):
    return reception.dossier_request_supplement(
        actor=world.desk, dossier_id=dossier.pk, items=[SupplementItem("Tờ khai", "Thiếu chữ ký")], note=note
    )


def supplemented(world, dossier):
    return reception.dossier_supplement(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())


def test_a_second_request_needs_its_reason_counts_and_is_overdue_in_the_index(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = submitted(world)
        ask(world, dossier)
        supplemented(world, dossier)
        with pytest.raises(ValidationFailed) as caught:
            ask(world, dossier)  # no reason
        assert "note" in caught.value.fields
        ask(world, dossier, note="Bản sao CCCD hết hạn, phát hiện khi đối chiếu lại")
        supplemented(world, dossier)
        reception.dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert (dossier.reception_supplement_requests, dossier.supplement_requests) == (2, 2)
    event = dossier.events.filter(action="request_supplement").last()
    assert event.payload["again"] is True and event.reason.startswith("Bản sao CCCD")
    # the index counts it as the 766 formula does: more than one supplement request is overdue
    fact = DossierFact.objects.get(dossier_id=dossier.pk)
    assert fact.overdue_from is not None


def test_the_leaders_see_it_on_the_dossier_page_and_in_their_list(client, world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = submitted(world)
        ask(world, dossier)
        supplemented(world, dossier)
        ask(world, dossier, note="Thiếu giấy ủy quyền, bỏ sót ở lần đầu")
    client.force_login(world.leader)
    body = client.get(f"/staff/ho-so/{dossier.pk}/").content.decode()
    assert 'id="supplement-again"' in body and "bỏ sót ở lần đầu" in body
    listing = client.get("/staff/", {"q": "supplement_again"}).content.decode()
    assert dossier.reference in listing or (dossier.code or "~") in listing
