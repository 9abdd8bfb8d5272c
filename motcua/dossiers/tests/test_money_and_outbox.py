"""Fees owed and paid; outgoing messages delivered after commit."""

import pytest
from django.core import mail

from motcua.core import clock
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers.files import sniff
from motcua.dossiers.models import Payment
from motcua.dossiers.services import processing, reception, results
from motcua.dossiers.tests.factories import PDF, PNG, vn
from motcua.integrations import outbox
from motcua.integrations.models import OutboxMessage, OutboxStatus


def intake(world, at=None):
    at = at or vn(2026, 3, 2, 9, 0)
    with clock.frozen(at):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def test_fees_are_copied_from_the_version(world):
    dossier = intake(world)
    assert dossier.fee_total == 200000
    assert list(dossier.fee_lines.values_list("amount", flat=True)) == [200000]


def test_payments_are_recorded_and_receipts_are_unique(world):
    dossier = intake(world)
    with clock.frozen(vn(2026, 3, 2, 9, 30)):
        results.dossier_record_payment(
            actor=world.desk, dossier_id=dossier.pk, method="cash", amount=200000, receipt_no="BL-0001"
        )
        with pytest.raises(Conflict):
            results.dossier_record_payment(
                actor=world.desk, dossier_id=dossier.pk, method="cash", amount=1000, receipt_no="BL-0001"
            )
        with pytest.raises(ValidationFailed):
            results.dossier_record_payment(
                actor=world.desk, dossier_id=dossier.pk, method="online", amount=1000, receipt_no="X1"
            )
        results.dossier_record_payment(
            actor=world.desk, dossier_id=dossier.pk, method="online", gateway=1, amount=1000, receipt_no="DVC-77"
        )
    assert sorted(Payment.objects.values_list("receipt_no", "gateway")) == [("BL-0001", None), ("DVC-77", 1)]


def test_only_staff_in_scope_may_act(world):
    from motcua.orgs.models import AgencyKind, Role
    from motcua.orgs.services import agency_create
    from motcua.orgs.tests.factories import make_staff

    dossier = intake(world)
    elsewhere = agency_create(code="000.00.00.H06", name="UBND tỉnh Bắc Ninh", kind=AgencyKind.PROVINCE)
    outsider = make_staff(elsewhere, Role.DESK_OFFICER)
    with clock.frozen(vn(2026, 3, 2, 10, 0)), pytest.raises(PermissionDenied):
        processing.dossier_transfer(actor=outsider, dossier_id=dossier.pk)
    with clock.frozen(vn(2026, 3, 2, 10, 0)), pytest.raises(PermissionDenied):
        processing.dossier_transfer(actor=world.citizen_user, dossier_id=dossier.pk)
    assert dossier.events.count() == 3


def test_file_types_are_sniffed_from_the_content():
    assert sniff(PDF[:16]) == "application/pdf"
    assert sniff(PNG[:16]) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff(b"MZ\x90\x00") is None
    assert sniff(b"<html>") is None


def test_the_outbox_sends_e_mail_and_holds_portal_events_without_a_destination(world, settings):
    settings.NATIONAL_PORTAL_URL = ""
    dossier = intake(world)
    sent = outbox.drain()
    assert sent == 1  # the receipt e-mail
    assert mail.outbox[0].to == [world.citizen.email]
    assert dossier.code in mail.outbox[0].subject
    portal = OutboxMessage.objects.get(topic="portal.dossier_status")
    assert portal.status == OutboxStatus.HELD
    assert portal.payload["MaHoSo"] == dossier.code
    assert portal.payload["NgayTiepNhan"] == "20260302090000"
    assert portal.payload["KenhThucHien"] == 1
