"""Reception (code, required sender data), the way to publication, information requests, forward-and-return,
reopening after dissatisfaction, and the due-soon and overdue queues."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dossiers.tests.factories import vn
from motcua.petitions import selectors, services
from motcua.petitions.models import Channel, Petition, PetitionTransfer, Satisfaction
from motcua.petitions.services import Place, Sender
from motcua.petitions.tests.factories import Staff, receive
from motcua.petitions.workflow import State


def test_codes_follow_the_day_and_never_skip(city):
    first, second = receive(city), receive(city, at=vn(2026, 3, 2, 15, 0))
    third = receive(city, at=vn(2026, 3, 3, 8, 0))
    assert [first.code, second.code, third.code] == ["PAKN.20260302.0001", "PAKN.20260302.0002", "PAKN.20260303.0001"]
    assert first.sender_phone == "0912345678"
    assert first.publish_name is False
    assert list(first.events.values_list("action", "to_state")) == [("receive", State.RECEIVED)]


def test_name_address_and_phone_are_required_by_law_and_no_identity_number(city):
    with pytest.raises(ValidationFailed) as caught:
        receive(city, sender=Sender(name=" ", address="", phone="12"), place=Place(latitude=Decimal("21.03")))
    fields = caught.value.fields
    assert set(fields) == {"sender_name", "sender_address", "sender_phone", "latitude"}
    assert str(fields["sender_name"]) == "Theo quy định, phải có họ tên người phản ánh."  # Vietnamese by default
    assert Petition.objects.count() == 0


def test_an_official_enters_a_hotline_petition_only_with_reception_rights(city):
    people = Staff(city)
    from motcua.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        receive(city, actor=people.ward_desk, channel=Channel.HOTLINE)
    petition = receive(city, actor=people.desk, channel=Channel.HOTLINE)
    assert petition.sender_user is None
    assert petition.events.get().actor == people.desk


def test_deadlines_in_working_days_from_reception(city):
    petition = receive(city)  # Monday 2 March 2026, 9:00
    assert petition.reject_due_at == vn(2026, 3, 4, 9, 0)
    assert petition.information_due_at == vn(2026, 3, 9, 9, 0)
    assert petition.forward_due_at == vn(2026, 3, 9, 9, 0)
    assert petition.answer_due_at == vn(2026, 3, 23, 9, 0)
    assert petition.answer_ceiling_at == vn(2026, 3, 30, 9, 0)
    assert petition.progress_due_at == vn(2026, 3, 11, 9, 0)
    assert petition.due_at == petition.answer_due_at


def test_deadlines_are_configurable_per_track(city, settings):
    settings.PETITION_DEADLINES = {"field_report": {"answer": 10}}
    report = receive(city, track="field_report")
    regular = receive(city)
    assert report.answer_due_at == vn(2026, 3, 16, 9, 0)
    assert regular.answer_due_at == vn(2026, 3, 23, 9, 0)


def test_full_way_to_publication_and_closing(city):
    people = Staff(city)
    pk = receive(city).pk
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        services.petition_start(actor=people.desk, petition_id=pk)
    with clock.frozen(vn(2026, 3, 10, 9, 0)):
        petition = services.petition_draft_answer(actor=people.specialist, petition_id=pk, answer="Đã bãi bỏ yêu cầu.")
    assert petition.publish_due_at == vn(2026, 3, 12, 9, 0)
    assert petition.due_at == petition.publish_due_at
    with clock.frozen(vn(2026, 3, 11, 9, 0)):
        services.petition_approve(actor=people.leader, petition_id=pk)
        services.petition_publish(actor=people.specialist, petition_id=pk)
        petition = services.petition_close(actor=people.specialist, petition_id=pk)
    assert petition.state == State.CLOSED
    assert petition.due_at is None
    assert list(petition.events.values_list("action", flat=True)) == [
        "receive", "start", "draft_answer", "approve", "publish", "close",
    ]  # fmt: skip
    assert petition.version == 6


def test_an_off_topic_answer_is_sent_back_before_publication(city):
    people = Staff(city)
    pk = receive(city).pk
    services.petition_start(actor=people.desk, petition_id=pk)
    services.petition_draft_answer(actor=people.specialist, petition_id=pk, answer="Không liên quan.")
    petition = services.petition_send_back(actor=people.leader, petition_id=pk, reason="Trả lời không đúng nội dung")
    assert (petition.state, petition.publish_due_at, petition.due_at) == (
        State.IN_PROGRESS, None, petition.answer_due_at,
    )  # fmt: skip


def test_an_information_request_pauses_the_clock_and_the_answer_resumes_it(city):
    people = Staff(city)
    pk = receive(city).pk
    services.petition_start(actor=people.desk, petition_id=pk)
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        petition = services.petition_request_information(actor=people.desk, petition_id=pk, what="Địa chỉ cụ thể?")
    assert (petition.state, petition.due_at) == (State.INFORMATION_REQUESTED, None)
    with clock.frozen(vn(2026, 3, 5, 9, 0)):  # two working days later
        petition = services.petition_answer_information(actor=None, petition_id=pk, information="Số 12 Hàng Bạc")
    assert petition.state == State.IN_PROGRESS
    assert petition.answer_due_at == vn(2026, 3, 25, 9, 0)
    assert petition.answer_ceiling_at == vn(2026, 4, 1, 9, 0)
    assert petition.due_at == petition.answer_due_at


def test_a_pause_across_the_weekend_counts_only_working_time(city):
    pk = receive(city).pk
    with clock.frozen(vn(2026, 3, 6, 17, 0)):  # Friday at closing
        services.petition_request_information(actor=None, petition_id=pk, what="Ảnh hiện trường?")
    with clock.frozen(vn(2026, 3, 8, 20, 0)):  # Sunday evening
        petition = services.petition_answer_information(actor=None, petition_id=pk, information="Đã gửi ảnh")
    assert petition.state == State.RECEIVED
    assert petition.answer_due_at == vn(2026, 3, 23, 9, 0)


def test_forward_and_return_restart_the_deadline_from_the_latest_transfer(city):
    people = Staff(city)
    ward = city.wards[0]
    pk = receive(city).pk
    with clock.frozen(vn(2026, 3, 4, 9, 0)):
        petition = services.petition_forward(
            actor=people.desk, petition_id=pk, to_agency=ward, reason="Thuộc thẩm quyền của phường"
        )
    assert (petition.state, petition.handling_agency) == (State.FORWARDED, ward)
    assert petition.answer_due_at == vn(2026, 3, 25, 9, 0)
    with clock.frozen(vn(2026, 3, 5, 9, 0)):
        petition = services.petition_forward(
            actor=people.ward_desk, petition_id=pk, to_agency=city.justice, reason="Không thuộc thẩm quyền của phường"
        )
    assert petition.handling_agency == city.justice
    assert petition.answer_due_at == vn(2026, 3, 26, 9, 0)
    transfers = list(PetitionTransfer.objects.filter(petition_id=pk).values_list("from_agency", "to_agency"))
    assert transfers == [(city.justice.pk, ward.pk), (ward.pk, city.justice.pk)]
    petition = services.petition_start(actor=people.desk, petition_id=pk)
    assert petition.state == State.IN_PROGRESS


def test_forward_to_an_outside_body_then_close(city):
    people = Staff(city)
    pk = receive(city).pk
    inside = services.petition_forward(
        actor=people.desk, petition_id=receive(city).pk, to_agency=city.wards[0], reason="Thuộc thẩm quyền của phường"
    )
    with pytest.raises(ValidationFailed) as caught:
        services.petition_close(actor=None, petition_id=inside.pk)
    assert caught.value.code == "close_not_outside"
    petition = services.petition_forward(
        actor=people.desk, petition_id=pk, to_outside_body="Công an thành phố Hà Nội", reason="Về hành vi của cán bộ"
    )
    assert (petition.handling_agency, petition.due_at) == (city.justice, None)
    assert services.petition_close(actor=people.specialist, petition_id=pk).state == State.CLOSED


def test_reject_needs_a_reason(city):
    pk = receive(city).pk
    with pytest.raises(ValidationFailed):
        services.petition_reject(actor=None, petition_id=pk, reason=" ")
    petition = services.petition_reject(actor=None, petition_id=pk, reason="Là đơn khiếu nại, không phải phản ánh")
    assert (petition.state, petition.due_at) == (State.REJECTED, None)


def _published(city, people, at):
    pk = receive(city).pk
    with clock.frozen(at):
        services.petition_start(actor=people.desk, petition_id=pk)
        services.petition_draft_answer(actor=people.specialist, petition_id=pk, answer="Đã xử lý.")
        services.petition_approve(actor=people.leader, petition_id=pk)
        return services.petition_publish(actor=people.specialist, petition_id=pk)


def test_dissatisfied_within_7_days_reopens_with_a_new_clock(city):
    people = Staff(city)
    petition = _published(city, people, vn(2026, 3, 10, 9, 0))
    with clock.frozen(vn(2026, 3, 13, 9, 0)):
        petition = services.petition_rate(
            actor=None, petition_id=petition.pk, satisfaction=Satisfaction.DISSATISFIED, comment="Chưa giải quyết"
        )
    assert petition.state == State.IN_PROGRESS
    assert petition.satisfaction == Satisfaction.DISSATISFIED
    assert petition.answer_due_at == vn(2026, 4, 3, 9, 0)
    assert list(petition.events.values_list("action", flat=True))[-2:] == ["rate", "reopen"]


def test_dissatisfied_after_7_days_is_only_recorded(city):
    people = Staff(city)
    petition = _published(city, people, vn(2026, 3, 10, 9, 0))
    later = vn(2026, 3, 10, 9, 0) + dt.timedelta(days=8)
    with clock.frozen(later):
        petition = services.petition_rate(actor=None, petition_id=petition.pk, satisfaction=Satisfaction.DISSATISFIED)
        assert petition.state == State.PUBLISHED
        with pytest.raises(ValidationFailed) as caught:
            services.petition_reopen(actor=None, petition_id=petition.pk, reason="Chưa hài lòng")
    assert caught.value.code == "reopen_too_late"


def test_satisfied_keeps_it_published(city):
    people = Staff(city)
    petition = _published(city, people, vn(2026, 3, 10, 9, 0))
    with clock.frozen(vn(2026, 3, 11, 9, 0)):
        petition = services.petition_rate(actor=None, petition_id=petition.pk, satisfaction=Satisfaction.SATISFIED)
    assert (petition.state, petition.satisfaction) == (State.PUBLISHED, Satisfaction.SATISFIED)


def test_due_soon_overdue_and_progress_queues(city):
    people = Staff(city)
    late = receive(city)  # answer due 23 March
    fresh = receive(city, at=vn(2026, 3, 12, 9, 0))  # answer due 2 April
    paused = receive(city)
    services.petition_request_information(actor=people.desk, petition_id=paused.pk, what="Số điện thoại khác?")
    at = vn(2026, 3, 20, 9, 0)
    assert list(selectors.petitions_due_soon(within=dt.timedelta(days=4), now=at)) == [late]
    assert list(selectors.petitions_overdue(now=at)) == []
    at = vn(2026, 3, 24, 9, 0)
    assert list(selectors.petitions_overdue(now=at)) == [late]
    assert list(selectors.petitions_overdue(now=at, agency_ids={city.wards[0].pk})) == []
    owed = set(selectors.petitions_progress_note_owed(now=at))
    assert owed == {late, fresh, paused}
    with clock.frozen(at):
        services.petition_note_progress(actor=people.specialist, petition_id=late.pk, note="Đang xác minh")
    assert set(selectors.petitions_progress_note_owed(now=at)) == {fresh, paused}


def test_an_information_request_across_tet_stops_the_clock_for_its_working_days_only(city):
    pk = receive(city, at=vn(2026, 2, 9, 9, 0)).pk  # Tết Bính Ngọ: 16–20 February 2026 off
    assert Petition.objects.get(pk=pk).answer_due_at == vn(2026, 3, 9, 9, 0)
    with clock.frozen(vn(2026, 2, 13, 9, 0)):
        services.petition_request_information(actor=None, petition_id=pk, what="Vị trí cụ thể?")
    with clock.frozen(vn(2026, 2, 24, 9, 0)):  # eleven calendar days, two working days
        petition = services.petition_answer_information(actor=None, petition_id=pk, information="Trước số 12")
    assert petition.answer_due_at == vn(2026, 3, 11, 9, 0)
