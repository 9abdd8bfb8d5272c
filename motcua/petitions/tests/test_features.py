"""Attachments without metadata, merging similar petitions, a follow-up about the same result, classification,
consultation, the sender's notices, the public list and the actions by name."""

import io
from decimal import Decimal

import pytest
from PIL import Image

from motcua.catalog.tests.factories import make_field
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.dossiers.tests.factories import vn
from motcua.integrations.handlers import TOPIC_EMAIL
from motcua.integrations.models import OutboxMessage
from motcua.petitions import actions, selectors, services
from motcua.petitions.attachments import Upload
from motcua.petitions.links import sender_path, token_valid
from motcua.petitions.models import Petition, PetitionAttachment, Satisfaction, Track
from motcua.petitions.public import public_view
from motcua.petitions.services import Place, Sender
from motcua.petitions.tests.factories import Staff, receive
from motcua.petitions.workflow import State


def photo_with_exif() -> bytes:
    picture = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (21, 1, 30)}  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def publish(petition: Petition, answer: str = "Đã sửa chữa.") -> Petition:
    services.petition_start(actor=None, petition_id=petition.pk)
    services.petition_draft_answer(actor=None, petition_id=petition.pk, answer=answer)
    services.petition_approve(actor=None, petition_id=petition.pk)
    return services.petition_publish(actor=None, petition_id=petition.pk)


def test_a_photo_is_stored_re_encoded_without_its_metadata(city):
    raw = photo_with_exif()
    assert Image.open(io.BytesIO(raw)).getexif()
    petition = receive(city, files=[Upload("ổ gà.jpg", raw)])
    stored = PetitionAttachment.objects.get(petition=petition)
    assert (stored.name, stored.content_type) == ("ổ gà.jpg", "image/jpeg")
    with stored.file.open("rb") as handle:
        assert not Image.open(handle).getexif()


def test_a_refused_file_leaves_no_petition(city):
    with pytest.raises(ValidationFailed) as caught:
        receive(city, files=[Upload("a.jpg", photo_with_exif()), Upload("virus.exe", b"MZ\x90\x00")])
    assert caught.value.code == "file_type"
    assert "attachments" in caught.value.fields
    assert not Petition.objects.exists()
    with pytest.raises(ValidationFailed) as caught:
        receive(city, files=[Upload(f"{n}.jpg", photo_with_exif()) for n in range(6)])
    assert caught.value.code == "too_many_files"


def test_similar_petitions_are_found_by_address_or_distance_and_merged_ones_share_the_answer(city):
    field = make_field("GT", "Giao thông")
    here = Place(address="Số 5 Phố Huế, Hai Bà Trưng", latitude=Decimal("21.0150"), longitude=Decimal("105.8510"))
    first = receive(city, field_id=field.pk, place=here, track=Track.FIELD_REPORT)
    near = receive(
        city,
        at=vn(2026, 3, 3, 9, 0),
        field_id=field.pk,
        place=Place(address="Gần số 7 phố Huế", latitude=Decimal("21.0155"), longitude=Decimal("105.8512")),
    )
    same_address = receive(city, at=vn(2026, 3, 4, 9, 0), field_id=field.pk, place=Place(address=here.address.upper()))
    far = receive(city, at=vn(2026, 3, 4, 10, 0), field_id=field.pk, place=Place(address="Cầu Giấy"))
    other_field = receive(city, at=vn(2026, 3, 4, 11, 0), place=here)
    assert {p.pk for p in selectors.petitions_similar(first)} == {near.pk, same_address.pk}
    assert far.pk not in {p.pk for p in selectors.petitions_similar(first)}
    assert other_field.pk not in {p.pk for p in selectors.petitions_similar(first)}

    with clock.frozen(vn(2026, 3, 5, 9, 0)):
        services.petition_merge(actor=Staff(city).desk, petition_id=near.pk, into_id=first.pk)
    near.refresh_from_db()
    assert (near.merged_into_id, near.due_at, near.state) == (first.pk, None, State.RECEIVED)
    with pytest.raises(Conflict) as caught:
        services.petition_start(actor=None, petition_id=near.pk)
    assert caught.value.code == "petition_merged"
    with pytest.raises(ValidationFailed):
        services.petition_merge(actor=None, petition_id=same_address.pk, into_id=near.pk)  # not into a merged one

    with clock.frozen(vn(2026, 3, 10, 9, 0)):
        publish(first, "Đã vá ổ gà ngày 9/3.")
    near.refresh_from_db()
    assert (near.state, near.answer) == (State.PUBLISHED, "Đã vá ổ gà ngày 9/3.")
    assert near.events.last().action == "publish_merged"

    with clock.frozen(vn(2026, 3, 11, 9, 0)):
        services.petition_merge(actor=None, petition_id=same_address.pk, into_id=first.pk)
    same_address.refresh_from_db()
    assert same_address.state == State.PUBLISHED  # merged into a published answer: published with it at once


def test_a_new_petition_about_the_same_result_is_recorded_as_a_follow_up(city):
    earlier = receive(city)
    with clock.frozen(vn(2026, 3, 10, 9, 0)):
        publish(earlier)
    with pytest.raises(ValidationFailed) as caught:
        receive(city, at=vn(2026, 3, 20, 9, 0), follows=earlier, sender=Sender("Lê Văn C", "Hà Đông", "0987654321"))
    assert caught.value.code == "follows_other_sender"
    again = receive(city, at=vn(2026, 3, 20, 9, 0), follows=earlier)
    earlier.refresh_from_db()
    assert list(earlier.follow_ups.all()) == [again]
    assert earlier.events.last().action == "follow_up"
    assert earlier.events.last().payload == {"petition": again.code}


def test_classification_changes_the_track_and_its_deadlines(city, settings):
    settings.PETITION_DEADLINES = {"field_report": {"answer": 10}}
    petition = receive(city)
    field = make_field("MT", "Môi trường")
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        services.petition_classify(
            actor=Staff(city).desk,
            petition_id=petition.pk,
            content_type="unfit",
            track="field_report",
            field_id=field.pk,
        )
    petition.refresh_from_db()
    assert (petition.track, petition.content_type, petition.field_id) == ("field_report", "unfit", field.pk)
    assert petition.answer_due_at == vn(2026, 3, 16, 9, 0)  # 10 working days from reception
    assert petition.events.last().payload["before"]["track"] == "regulations"


def test_consulting_keeps_the_petition_and_records_the_opinion(city):
    petition = receive(city)
    services.petition_start(actor=None, petition_id=petition.pk)
    with pytest.raises(ValidationFailed):
        services.petition_consult(actor=None, petition_id=petition.pk, question="Ý kiến?")
    services.petition_consult(actor=None, petition_id=petition.pk, question="Ý kiến về mẫu đơn?", to_agency=city.centre)
    services.petition_record_opinion(actor=None, petition_id=petition.pk, source="Trung tâm", opinion="Đồng ý bỏ.")
    petition.refresh_from_db()
    assert petition.state == State.IN_PROGRESS and petition.handling_agency == city.justice
    assert [e.action for e in petition.events.all()][-2:] == ["consult", "record_opinion"]


def test_the_sender_is_emailed_through_the_outbox_with_their_link(city):
    petition = receive(city, sender=Sender("Trần Thị Bình", "Hoàn Kiếm", "0912345678", email="binh@example.vn"))
    services.petition_request_information(actor=None, petition_id=petition.pk, what="Ảnh chụp hiện trường")
    mails = list(OutboxMessage.objects.filter(topic=TOPIC_EMAIL, key=petition.code).order_by("pk"))
    assert len(mails) == 2
    assert mails[0].payload["to"] == "binh@example.vn"
    assert petition.code in mails[0].payload["subject"]
    assert sender_path(petition.code) in mails[0].payload["body"]
    assert "Ảnh chụp hiện trường" in mails[1].payload["body"]
    assert token_valid(petition.code, sender_path(petition.code).split("t=")[1])
    assert not token_valid(petition.code, "x")


def test_the_public_list_searches_without_diacritics_and_hides_what_is_private(city):
    regulation = receive(city, content="Thủ tục đăng ký khai sinh đòi giấy tờ thừa", place=Place(address="12 Hàng Bạc"))
    report = receive(
        city,
        track=Track.FIELD_REPORT,
        content="Đèn đường hỏng",
        sender=Sender("Phạm Văn D", "Đống Đa", "0912000111", publish_name=True),
        place=Place(address="Ngõ 5 Láng Hạ", latitude=Decimal("21.01"), longitude=Decimal("105.81")),
    )
    receive(city, content="Chưa trả lời khai sinh")  # not published
    publish(regulation)
    publish(report)
    assert [p.code for p in selectors.petitions_published(query="dang ki khai sinh")] == [regulation.code]
    assert [p.code for p in selectors.petitions_published(query="den duong")] == [report.code]
    assert selectors.petitions_published(agency_id=city.centre.pk).count() == 0
    private, public = public_view(regulation), public_view(report)
    assert (private.sender_name, private.place_address, private.latitude) == ("", "", None)
    assert (public.sender_name, public.place_address, public.latitude) == (
        "Phạm Văn D",
        "Ngõ 5 Láng Hạ",
        Decimal("21.01"),
    )


def test_actions_by_name_validate_their_input_and_list_what_the_actor_may_do(city):
    people = Staff(city)
    petition = receive(city)
    assert [spec.verb for spec in actions.available(people.desk, petition)] == [
        "classify",
        "start",
        "reject",
        "request_information",
        "forward",
        "merge",
    ]
    assert [spec.verb for spec in actions.available(people.specialist, petition)] == ["note_progress"]
    with pytest.raises(NotFound):
        actions.run_action(people.desk, petition, "explode", {})
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        actions.run_action(people.desk, petition, "reject", {"reason": " "})
    actions.run_action(
        people.desk,
        petition,
        "forward",
        {"reason": "Thuộc thẩm quyền phường", "to_agency": city.wards[0].code, "version": 1},
    )
    petition.refresh_from_db()
    assert (petition.state, petition.handling_agency) == (State.FORWARDED, city.wards[0])
    with pytest.raises(ValidationFailed) as caught:
        actions.run_action(people.desk, petition, "forward", {"reason": "x", "to_agency": "NOPE"})
    assert caught.value.fields == {"to_agency": "Unknown agency."} or "to_agency" in caught.value.fields
    assert Satisfaction.DISSATISFIED == "dissatisfied"


def test_the_handling_agency_is_the_one_concerned_else_the_configured_one_else_the_root(city, settings):
    from motcua.petitions.routing import handling_agency_for

    assert handling_agency_for(city.justice) == city.justice
    settings.PETITION_DEFAULT_AGENCY = city.centre.code
    assert handling_agency_for(None) == city.centre
    settings.PETITION_DEFAULT_AGENCY = ""
    assert handling_agency_for(None) == city.province
