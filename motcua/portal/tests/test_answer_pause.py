"""A supplement requested after appraisal (the dossier paused for the applicant) is answered online (issue 13,
item 10): the portal lists what is asked and takes the documents; processing resumes by the rules of the resume
service (after appraisal the limit restarts from the moment the documents arrive)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierComponent, PauseReason
from motcua.dossiers.services import processing
from motcua.dossiers.tests.factories import PDF, vn
from motcua.metrics.tests.helpers import intake, transfer


def _paused(world, reason=PauseReason.APPRAISAL_SUPPLEMENT):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        processing.dossier_pause(
            actor=world.specialist, dossier_id=dossier.pk, reason=reason, note="Tờ khai thiếu chữ ký",
            items=["Tờ khai có chữ ký của người yêu cầu"],
        )  # fmt: skip
    return Dossier.objects.get(pk=dossier.pk)


def test_the_paused_dossier_lists_what_is_asked_and_takes_the_answer_online(client, world):
    dossier = _paused(world)
    client.force_login(world.citizen_user)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'id="supplement-items"' in page and "Tờ khai có chữ ký của người yêu cầu" in page
    assert f'action="/ho-so/{dossier.pk}/bo-sung/"' in page
    component = world.version.components.first()
    upload = SimpleUploadedFile("to-khai-ky.pdf", PDF, content_type="application/pdf")
    at = vn(2026, 3, 5, 14, 0)
    with clock.frozen(at):
        answer = client.post(
            f"/ho-so/{dossier.pk}/bo-sung/", {"version": dossier.version, f"component_{component.pk}": upload}
        )
    assert answer.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "in_progress"
    assert dossier.clock_start_at == at  # the limit restarts from zero after a supplement at appraisal
    assert DossierComponent.objects.get(dossier=dossier, component=component).file.name == "to-khai-ky.pdf"
    event = dossier.events.order_by("-pk").first()
    assert (event.action, event.actor) == ("answer_pause", world.citizen_user)
    assert event.payload["components"] == [component.pk]


def test_a_financial_pause_is_not_answered_with_documents(client, world):
    dossier = _paused(world, reason=PauseReason.FINANCIAL)
    client.force_login(world.citizen_user)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'id="supplement-items"' not in page
    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    component = world.version.components.first()
    client.post(f"/ho-so/{dossier.pk}/bo-sung/", {"version": dossier.version, f"component_{component.pk}": upload})
    assert Dossier.objects.get(pk=dossier.pk).state == "paused"


def test_staff_without_the_applicants_right_cannot_answer_for_an_online_applicant(world):
    import pytest

    from motcua.core.errors import PermissionDenied

    dossier = _paused(world, reason=PauseReason.APPLICANT)
    with pytest.raises(PermissionDenied):
        processing.dossier_answer_pause(actor=world.specialist, dossier_id=dossier.pk, items=[])
