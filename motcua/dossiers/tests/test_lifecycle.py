"""Scenarios of the dossier lifecycle on real dates (Tết 2026 is 14–22/02)."""

import re

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.models import Channel, Dossier, DossierEvent, PauseReason, StepStatus
from motcua.dossiers.services import processing, reception, results
from motcua.dossiers.services.reception import SupplementItem
from motcua.dossiers.tests.factories import PDF, settle_fees, vn
from motcua.dossiers.timing import EARLY, LATE, classify
from motcua.integrations.models import OutboxMessage


def intake(world, at):
    with clock.frozen(at):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def process_to_decision(world, dossier, at):
    """Transfer, appraise, hand over to the leader (all at ``at``)."""
    with clock.frozen(at):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)


def test_counter_intake_receives_with_code_register_line_and_appointment(world):
    # given a complete dossier handed in at the centre on Tuesday 10/02/2026 at 09:00
    dossier = intake(world, vn(2026, 2, 10, 9, 0))
    # then it has the centre's code for that day, register line 1 and the appointment 2.5 working days later
    assert dossier.state == "received"
    assert dossier.code == "000.00.01.H26-260210-0001"
    assert (dossier.register_year, dossier.register_no) == (2026, 1)
    assert dossier.due_at == vn(2026, 2, 12, 14, 30)
    assert dossier.appointment_at == dossier.due_at
    assert dossier.transfer_due_at == vn(2026, 2, 10, 17, 0)  # before 15:00: the same day
    assert [e.action for e in dossier.events.all()] == ["create", "submit", "receive"]
    assert dossier.channel == Channel.COUNTER


def test_after_15_00_the_transfer_is_due_next_morning(world):
    dossier = intake(world, vn(2026, 2, 10, 15, 30))
    assert dossier.transfer_due_at == vn(2026, 2, 11, 11, 30)


def test_codes_count_per_desk_per_day(world):
    first = intake(world, vn(2026, 2, 10, 9, 0))
    second = intake(world, vn(2026, 2, 10, 10, 0))
    third = intake(world, vn(2026, 2, 11, 9, 0))
    assert [first.code[-4:], second.code[-4:], third.code[-4:]] == ["0001", "0002", "0001"]
    assert [d.register_no for d in (first, second, third)] == [1, 2, 3]
    assert re.fullmatch(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}", third.code)


def test_the_full_path_to_the_applicant(world, django_capture_on_commit_callbacks):
    dossier = intake(world, vn(2026, 2, 10, 9, 0))
    process_to_decision(world, dossier, vn(2026, 2, 11, 9, 0))
    with clock.frozen(vn(2026, 2, 11, 14, 0)):
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
        results.dossier_attach_result(
            actor=world.specialist, dossier_id=dossier.pk, title="Phiếu LLTP số 1", file_name="kq.pdf", content=PDF
        )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
        settle_fees(world.desk, dossier.pk)
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")
    dossier.refresh_from_db()
    assert dossier.state == "returned"
    assert classify(dossier.decided_at, dossier.due_at) == EARLY
    assert dossier.events.get(action="return_result").payload["early"] is True
    statuses = [
        m.payload["TrangThaiHoSo"] for m in OutboxMessage.objects.filter(topic="portal.dossier_status").order_by("pk")
    ]
    assert statuses == [2, 4, 9, 9, 10]  # a counter intake reports once, already received
    assert OutboxMessage.objects.filter(topic="notify.email", key=dossier.code).count() >= 2


def test_pause_across_tet_moves_every_open_deadline_by_the_paused_working_time(world):
    dossier = intake(world, vn(2026, 2, 10, 9, 0))
    with clock.frozen(vn(2026, 2, 10, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
    step_due_before = dossier.steps.get(status=StepStatus.ACTIVE).due_at
    with clock.frozen(vn(2026, 2, 11, 10, 0)):
        processing.dossier_pause(
            actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.FINANCIAL, note="Chờ nộp lệ phí"
        )
    with clock.frozen(vn(2026, 2, 24, 10, 0)):  # Tết 14–22/02 in between
        processing.dossier_resume(actor=world.specialist, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    # Wed 10:00 → Tue 24/02 10:00 is 1,920 working minutes (4 days): Thu 12/02 14:30 → Wed 25/02 14:30
    assert dossier.due_at == vn(2026, 2, 25, 14, 30)
    assert dossier.events.get(action="resume").payload["paused_minutes"] == 1920
    step = dossier.steps.get(status=StepStatus.ACTIVE)
    assert step.due_at > step_due_before
    assert dossier.supplement_requests == 0  # a financial pause is not a supplement request


def test_supplement_after_appraisal_restarts_the_limit_from_zero(world):
    dossier = intake(world, vn(2026, 2, 10, 9, 0))
    with clock.frozen(vn(2026, 2, 11, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        processing.dossier_pause(
            actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPRAISAL_SUPPLEMENT,
            items=["Bản sao CCCD chưa chứng thực"],
        )  # fmt: skip
    with clock.frozen(vn(2026, 2, 26, 9, 0)):
        processing.dossier_resume(actor=world.specialist, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert dossier.clock_start_at == vn(2026, 2, 26, 9, 0)
    assert dossier.due_at == vn(2026, 3, 2, 14, 30)
    assert dossier.supplement_requests == 1


def test_a_supplement_after_appraisal_past_3_working_days_is_refused(world):
    dossier = intake(world, vn(2026, 2, 2, 9, 0))
    with clock.frozen(vn(2026, 2, 5, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        with pytest.raises(Conflict) as caught:
            processing.dossier_pause(
                actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPRAISAL_SUPPLEMENT
            )
    assert caught.value.code == "appraisal_window_passed"
    dossier.refresh_from_db()
    assert dossier.state == "in_progress"


def test_a_second_supplement_request_is_allowed_but_marked(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        processing.dossier_pause(actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPLICANT)
        processing.dossier_resume(actor=world.specialist, dossier_id=dossier.pk)
        processing.dossier_pause(actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPLICANT)
    dossier.refresh_from_db()
    assert dossier.supplement_requests == 2
    assert dossier.events.filter(action="pause").last().payload["counts_as_overdue"] is True


def test_supplement_at_reception_lists_everything_and_counts_once(world):
    from motcua.dossiers.services.intake import dossier_create, dossier_put_components, dossier_submit

    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, channel=Channel.ONLINE,
        )  # fmt: skip
        dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)
        reception.dossier_request_supplement(
            actor=world.desk, dossier_id=dossier.pk,
            items=[SupplementItem("Tờ khai", "Thiếu chữ ký"), SupplementItem("Bản sao CCCD", "Không rõ nét")],
        )  # fmt: skip
        event = DossierEvent.objects.get(dossier=dossier, action="request_supplement")
        assert [i["name"] for i in event.payload["items"]] == ["Tờ khai", "Bản sao CCCD"]
        reception.dossier_supplement(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        reception.dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    dossier.refresh_from_db()
    assert dossier.state == "received"
    assert (dossier.supplement_requests, dossier.reception_supplement_requests) == (1, 1)  # one: not overdue
    assert dossier.owner == world.citizen_user


def test_the_apology_is_issued_once_and_lateness_stays_on_the_original_due(world):
    from motcua.dossiers.tests.factories import staff
    from motcua.orgs.models import Role

    dossier = intake(world, vn(2026, 3, 2, 9, 0))  # due Wed 04/03 14:30
    with clock.frozen(vn(2026, 3, 4, 9, 0)):  # less than one working day before the due moment
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        results.dossier_apologise(
            actor=world.leader, dossier_id=dossier.pk, reason="Cần xác minh thêm", new_appointment=vn(2026, 3, 9, 16, 0)
        )
        with pytest.raises(Conflict) as caught:
            results.dossier_apologise(
                actor=world.leader, dossier_id=dossier.pk, reason="Lần hai", new_appointment=vn(2026, 3, 12, 16, 0)
            )
    assert caught.value.code == "apology_once"
    dossier.refresh_from_db()
    assert dossier.appointment_at == vn(2026, 3, 9, 16, 0)
    assert dossier.due_at == vn(2026, 3, 4, 14, 30)
    assert dossier.apology.late_notice is True
    assert classify(vn(2026, 3, 6, 10, 0), dossier.due_at) == LATE
    # a specialist may not sign an apology
    other = intake(world, vn(2026, 3, 2, 10, 0))
    with clock.frozen(vn(2026, 3, 3, 9, 0)), pytest.raises(Exception, match="quyền|may not"):
        results.dossier_apologise(
            actor=staff(world.city.justice, Role.SPECIALIST, "HCTP"),
            dossier_id=other.pk,
            reason="x",
            new_appointment=vn(2026, 3, 20, 16, 0),
        )


def test_an_inter_agency_consultation_late_at_the_second_agency(world):
    ward = world.city.wards[0]
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        processing.dossier_consult(
            actor=world.specialist, dossier_id=dossier.pk, agency=ward, content="Xác minh nơi cư trú", hours=8
        )
    step = dossier.steps.get(is_consultation=True)
    assert step.due_at == vn(2026, 3, 3, 10, 0)
    ward_specialist = __import__("motcua.dossiers.tests.factories", fromlist=["staff"]).staff(ward, "specialist")
    with clock.frozen(vn(2026, 3, 4, 9, 0)):
        with pytest.raises(Conflict):
            results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
        processing.dossier_handover(
            actor=ward_specialist, dossier_id=dossier.pk, step_id=step.pk, note="Đúng nơi cư trú"
        )
    step.refresh_from_db()
    assert classify(step.finished_at, step.due_at) == LATE
    assert dossier.events.filter(action="handover").last().payload["timeliness"] == LATE


def test_withdraw_before_reception_and_stop_after(world):
    from motcua.dossiers.services.intake import dossier_create

    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        draft = dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre,
        )  # fmt: skip
        reception.dossier_withdraw(actor=world.citizen_user, dossier_id=draft.pk, reason="Nộp nhầm")
    assert Dossier.objects.get(pk=draft.pk).state == "withdrawn"
    received = intake(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 2, 11, 0)):
        results.dossier_stop(actor=world.desk, dossier_id=received.pk, reason="Công dân đề nghị dừng")
        with pytest.raises(Conflict):
            processing.dossier_pause(actor=world.specialist, dossier_id=received.pk, reason=PauseReason.APPLICANT)
    assert Dossier.objects.get(pk=received.pk).state == "stopped"


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    seen = dossier.version
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk, expected_version=seen)
        with pytest.raises(Conflict) as caught:
            results.dossier_stop(actor=world.desk, dossier_id=dossier.pk, reason="x", expected_version=seen)
    assert caught.value.code == "version_mismatch"
    assert Dossier.objects.get(pk=dossier.pk).state == "in_progress"


def test_past_9999_a_day_is_a_clear_error_and_nothing_is_written(world):
    from motcua.dossiers.models import Counter

    Counter.objects.create(agency=world.city.centre, kind="code", period="260302", value=9999)
    before = Dossier.objects.count()
    with pytest.raises(Conflict) as caught:
        intake(world, vn(2026, 3, 2, 9, 0))
    assert caught.value.code == "code_sequence_exhausted"
    assert Dossier.objects.count() == before


def test_a_missing_component_blocks_reception_and_lists_it(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)), pytest.raises(ValidationFailed) as caught:
        reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=[],
        )  # fmt: skip
    assert caught.value.code == "components_missing"
    assert not Dossier.objects.exists()


def test_the_appraisal_supplement_window_counts_in_the_desks_own_calendar(world):
    import datetime as dt

    from motcua.dossiers import timing
    from motcua.workcalendar.models import Calendar

    # given a desk whose office opens at 07:00 (510 working minutes a day, not 480)
    national = Calendar.objects.filter(agency__isnull=True).first()
    Calendar.objects.create(
        code="ttpvhcc", name="Lịch làm việc của Trung tâm", agency=world.city.centre, base=national,
        morning_start=dt.time(7, 0),
    )  # fmt: skip
    timing.clear_calendar_cache()
    dossier = intake(world, vn(2026, 3, 2, 9, 0))  # Monday
    # when appraisal asks for a supplement on Thursday 08:30, within 3 working days of reception (Thu 09:00)
    with clock.frozen(vn(2026, 3, 5, 8, 30)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        processing.dossier_pause(actor=world.specialist, dossier_id=dossier.pk, reason=PauseReason.APPRAISAL_SUPPLEMENT)
    # then it is accepted (3 × 480 minutes would have closed the window on Wednesday afternoon)
    dossier.refresh_from_db()
    assert dossier.state == "paused"
    other = intake(world, vn(2026, 3, 2, 9, 0))
    with clock.frozen(vn(2026, 3, 5, 9, 30)):
        processing.dossier_transfer(actor=world.desk, dossier_id=other.pk)
        with pytest.raises(Conflict) as caught:
            processing.dossier_pause(
                actor=world.specialist, dossier_id=other.pk, reason=PauseReason.APPRAISAL_SUPPLEMENT
            )
    assert caught.value.code == "appraisal_window_passed"
    timing.clear_calendar_cache()
