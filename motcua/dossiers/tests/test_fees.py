"""A result is returned only with its fees paid or an exemption recorded (issue 13 §3)."""

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.fees import fee_status
from motcua.dossiers.models import FeeExemption, StepStatus
from motcua.dossiers.services import processing, results
from motcua.dossiers.tests.factories import PDF, in_progress, vn


def result_ready(world):
    dossier = in_progress(world)
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
        results.dossier_attach_result(
            actor=world.specialist, dossier_id=dossier.pk, title="Phiếu LLTP", file_name="kq.pdf", content=PDF
        )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    return dossier


def test_the_result_is_not_returned_while_a_fee_is_unpaid(world):
    dossier = result_ready(world)
    assert dossier.fee_total == 200000
    with pytest.raises(ValidationFailed) as caught:
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    assert caught.value.code == "fees_unpaid"
    assert "Lệ phí cấp Phiếu lý lịch tư pháp: 200.000 đ" in str(caught.value.message)
    # a partial payment leaves the rest unpaid
    results.dossier_record_payment(actor=world.desk, dossier_id=dossier.pk, method="cash", amount=50000, receipt_no="1")
    status = fee_status(dossier)
    assert [s.unpaid for s in status.unpaid_lines] == [150000]
    with pytest.raises(ValidationFailed):
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    results.dossier_record_payment(
        actor=world.desk, dossier_id=dossier.pk, method="cash", amount=150000, receipt_no="2"
    )
    results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    dossier.refresh_from_db()
    assert dossier.state == "returned"


def test_an_exemption_records_who_and_why_and_lets_the_result_go(world):
    dossier = result_ready(world)
    with pytest.raises(ValidationFailed):
        results.dossier_exempt_fees(actor=world.desk, dossier_id=dossier.pk, reason=" ")
    results.dossier_exempt_fees(
        actor=world.desk, dossier_id=dossier.pk, reason="Người có công với cách mạng (Điều 5 TT 244/2016)"
    )
    exemption = FeeExemption.objects.get(dossier=dossier)
    assert exemption.recorded_by == world.desk and "Người có công" in exemption.reason
    assert dossier.events.filter(action="exempt_fees").exists()
    with pytest.raises(Conflict):
        results.dossier_exempt_fees(actor=world.desk, dossier_id=dossier.pk, reason="Lần hai")
    results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    dossier.refresh_from_db()
    assert dossier.state == "returned"


def test_the_staff_page_says_which_fee_lines_are_unpaid(client, world):
    dossier = result_ready(world)
    client.force_login(world.desk)
    body = client.get(f"/staff/ho-so/{dossier.pk}/").content.decode()
    assert 'id="fees-unpaid"' in body and "Lệ phí cấp Phiếu lý lịch tư pháp (200.000 đ)" in body
    assert 'id="action-exempt_fees"' in body
    page = client.post(
        f"/staff/ho-so/{dossier.pk}/hanh-dong/return_result/", {"version": dossier.version, "method": "desk"}
    )
    assert page.status_code == 422
    assert "200.000 đ" in page.content.decode().split('id="action-return_result"')[1]
