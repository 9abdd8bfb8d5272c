"""My dossiers (issue 13, item 15): fees written 200.000 đ everywhere, a past appointment marked overdue, drafts
deleted by their owner (a confirmation, then a POST with the CSRF token)."""

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.catalog.money import vnd
from motcua.dossiers.models import Channel, Dossier, StoredFile
from motcua.dossiers.services import intake
from motcua.dossiers.tests.factories import PDF
from motcua.portal.forms import StartFilingForm
from motcua.portal.tests.test_accounts_and_filing import file_online
from motcua.portal.tests.test_public import received


def test_amounts_are_written_with_dots_and_the_dong_sign():
    assert vnd(200000) == "200.000 đ"
    assert vnd(1500) == "1.500 đ"
    assert vnd(0) == "0 đ"
    assert vnd(None) == ""


def test_a_fee_table_in_the_drop_down_is_written_like_everywhere_else():
    table = SimpleNamespace(pk=7, name="Phí sao", rows=[{"label": "Bản sao", "amount": 200000}])
    form = StartFilingForm(places=[("1", "x")], fee_tables=[table])
    assert list(form.fields["fee_7"].choices) == [("Bản sao", "Bản sao: 200.000 đ")]


def test_a_past_appointment_is_marked_overdue(client, world):
    dossier = received(world)  # received in March 2026: its appointment has passed
    client.force_login(world.citizen_user)
    page = client.get("/ho-so/").content.decode()
    assert dossier.code in page
    assert "data-overdue" in page


def _draft(world, upload=True):
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    if upload:
        item = intake.ComponentInput(
            component_id=world.version.components.first().pk, file_name="a.pdf",
            content=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
        )  # fmt: skip
        dossier = intake.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=[item])
    return dossier


def test_the_owner_deletes_a_draft_after_confirming(client, world):
    draft = _draft(world)
    client.force_login(world.citizen_user)
    assert f"/ho-so/{draft.pk}/xoa/" in client.get("/ho-so/").content.decode()
    confirm = client.get(f"/ho-so/{draft.pk}/xoa/")
    assert confirm.status_code == 200 and 'name="version"' in confirm.content.decode()
    done = client.post(f"/ho-so/{draft.pk}/xoa/", {"version": draft.version}, follow=True)
    assert done.status_code == 200
    draft.refresh_from_db()
    assert draft.state == "withdrawn"
    assert draft.reference not in client.get("/ho-so/").content.decode()
    assert not StoredFile.objects.exists()  # the uploads no longer count against the quota


def test_deleting_needs_the_csrf_token(world):
    draft = _draft(world, upload=False)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.citizen_user)
    assert browser.post(f"/ho-so/{draft.pk}/xoa/", {"version": draft.version}).status_code == 403
    assert Dossier.objects.get(pk=draft.pk).state == "draft"


def test_a_submitted_dossier_or_someone_elses_draft_is_not_deleted(client, world):
    submitted = file_online(client, world)
    client.post(f"/ho-so/{submitted.pk}/xoa/", {"version": submitted.version})
    assert Dossier.objects.get(pk=submitted.pk).state == "submitted"
    draft = _draft(world, upload=False)
    client.force_login(world.desk)
    answer = client.post(f"/ho-so/{draft.pk}/xoa/", {"version": draft.version})
    assert answer.status_code in (403, 404)
    assert Dossier.objects.get(pk=draft.pk).state == "draft"
