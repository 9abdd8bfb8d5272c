"""What the applicant sees of their dossier's history (issue 13 §8) and the re-appointment (§1): only the event
kinds declared visible, with citizen labels; never staff notes, hand-over notes or form prints; the new appointment
on the portal page and on the public tracking page."""

from motcua.core import clock
from motcua.dossiers.documents.services import form_print
from motcua.dossiers.labels import ACTION_LABELS
from motcua.dossiers.models import DossierEvent, StepStatus
from motcua.dossiers.services import processing, reception, results
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_url
from motcua.dossiers.visibility import EVENT_KINDS
from motcua.dossiers.workflow import TRANSITIONS

NOTE = "Đã đối chiếu CSDL lý lịch tư pháp, hồ sơ hợp lệ"
HANDOVER = "Kính trình lãnh đạo xem xét."


def worked_on(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
        form_print(actor=world.desk, dossier_id=dossier.pk, number="01")
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_note(
            actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk, kind="appraisal", content=NOTE
        )
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk, note=HANDOVER)
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        results.dossier_apologise(
            actor=world.leader, dossier_id=dossier.pk, reason="Cần xác minh thêm", new_appointment=vn(2026, 3, 9, 16, 0)
        )
    dossier.refresh_from_db()
    return dossier


def test_every_event_kind_declares_whether_the_applicant_sees_it():
    known = set(TRANSITIONS) | {"create", "print_form", "tracking_unlock"}
    assert known <= set(EVENT_KINDS)
    assert known <= set(ACTION_LABELS)  # and the staff pages and the admin name it
    for private in ("note", "handover", "assign", "consult", "print_form", "tracking_unlock"):
        assert not EVENT_KINDS[private].applicant_sees


def test_the_portal_page_shows_no_staff_note_nor_print_and_shows_the_new_appointment(client, world):
    dossier = worked_on(world)
    assert DossierEvent.objects.filter(dossier=dossier, action="print_form").exists()
    client.force_login(world.citizen_user)
    body = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    timeline = body.split('id="timeline"')[1].split("</ol>")[0]
    assert NOTE not in body and HANDOVER not in body
    assert "print_form" not in body and "handover" not in timeline
    assert timeline.count("<li>") == 5  # create, submit, receive, transfer, apologise
    assert "16:00 09/03/2026" in timeline and "Cần xác minh thêm" in timeline
    assert '<strong id="appointment">16:00 09/03/2026</strong>' in body
    assert "14:30 04/03/2026" in body  # the appointment given at reception, still named


def test_the_tracking_page_lists_the_visible_events_without_any_text(client, world):
    dossier = worked_on(world)
    body = client.get(tracking_url(dossier.code)).content.decode()
    history = body.split('id="history"')[1].split("</ol>")[0]
    assert history.count("<li>") == 5
    assert NOTE not in body and HANDOVER not in body and "Cần xác minh thêm" not in body
    assert "16:00 09/03/2026" in history
    assert '<strong id="appointment">16:00 09/03/2026</strong>' in body
