"""The back office through the Django test client: queues, the dossier page and its actions, counter intake."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier, StepStatus
from motcua.dossiers.services import intake, reception
from motcua.dossiers.tests.factories import PDF
from motcua.orgs.models import Role, StaffRole


def counter(world):
    return reception.dossier_intake_at_desk(
        actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
        receiving_agency=world.city.centre, components=world.components(),
    )  # fmt: skip


def online(world):
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
        receiving_agency=world.city.centre, channel=2,
    )  # fmt: skip
    intake.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
    return intake.dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)


def test_the_desk_sees_its_roles_queues_with_counts_and_reminders(client, world):
    online(world)
    client.force_login(world.desk)
    page = client.get("/staff/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Trung tâm Phục vụ hành chính công" in body  # the user's agency and unit
    assert 'id="reminders"' in body
    assert 'aria-current="page"' in body
    assert '<span class="count">1</span>' in body  # one online dossier to receive


def test_an_applicant_is_not_staff(client, world):
    client.force_login(world.citizen_user)
    assert client.get("/staff/").status_code == 403


def test_anonymous_users_are_sent_to_the_staff_login(client, world):
    page = client.get("/staff/")
    assert page.status_code == 302 and page["Location"].startswith("/staff/dang-nhap/")


def test_staff_of_an_unrelated_agency_gets_403_on_the_dossier_page(client, world):
    dossier = counter(world)
    ward_desk = StaffRole.objects.filter(agency=world.city.wards[0], role=Role.DESK_OFFICER).first().user
    client.force_login(ward_desk)
    assert client.get(f"/staff/ho-so/{dossier.pk}/").status_code == 403
    post = client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/transfer/", {"version": dossier.version})
    assert post.status_code == 403


def test_the_dossier_page_offers_the_allowed_actions_and_they_run(client, world):
    dossier = counter(world)
    client.force_login(world.desk)
    body = client.get(f"/staff/ho-so/{dossier.pk}/").content.decode()
    assert 'id="action-transfer"' in body and 'id="action-decide"' not in body
    form = client.get(f"/staff/ho-so/{dossier.pk}/mau/transfer/", {"version": dossier.version}).content.decode()
    assert f'name="version" value="{dossier.version}"' in form
    assert (
        'id="action-transfer" open'
        in client.get(f"/staff/ho-so/{dossier.pk}/", {"action": "transfer"}).content.decode()
    )
    assert f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf" in body
    done = client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/transfer/", {"version": dossier.version})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "in_progress"


def test_a_stale_version_reloads_the_dossier_with_a_clear_message(client, world):
    dossier = counter(world)
    client.force_login(world.desk)
    page = client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/transfer/", {"version": dossier.version - 1}, follow=True)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'class="msg error"' in body
    dossier.refresh_from_db()
    assert dossier.state == "received"


def test_errors_of_an_action_are_next_to_the_field(client, world):
    dossier = online(world)
    client.force_login(world.desk)
    page = client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/refuse/", {"version": dossier.version, "reason": ""})
    assert page.status_code == 422
    body = page.content.decode()
    assert 'id="id_reason_error"' in body
    assert 'id="action-refuse" open' in body


def test_request_supplement_lists_the_ticked_components(client, world):
    dossier = online(world)
    component = world.version.components.first()
    client.force_login(world.desk)
    client.post(
        f"/staff/ho-so/{dossier.pk}/hanh-dong/request_supplement/",
        {"version": dossier.version, f"item_{component.pk}": "on", f"reason_{component.pk}": "Thiếu chữ ký"},
    )
    dossier.refresh_from_db()
    assert dossier.state == "needs_supplement"
    event = dossier.events.get(action="request_supplement")
    assert event.payload["items"][0]["reason"] == "Thiếu chữ ký"


def test_counter_intake_registers_a_new_applicant_and_receives(client, world):
    client.force_login(world.desk)
    assert "2.000488" in client.get("/staff/tiep-nhan/thu-tuc/", {"q": "ly lich"}).content.decode()
    component = world.version.components.first()
    page = client.post(
        "/staff/tiep-nhan/?procedure=2.000488",
        {
            "procedure": "2.000488", "place": str(world.city.justice.pk), "channel": "1", "kind": "citizen",
            "id_number": "001190004321", "name": "Trần Thị Mai", "phone": "0987654321", "sets": "1",
            f"component_{component.pk}": "on",
            f"scan_{component.pk}": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
        },
    )  # fmt: skip
    assert page.status_code == 302, page.content.decode()
    dossier = Dossier.objects.get(applicant__id_number="001190004321")
    assert dossier.state == "received" and dossier.code
    assert page["Location"] == f"/staff/ho-so/{dossier.pk}/?received=1"
    body = client.get(page["Location"]).content.decode()
    assert 'id="print-receipt"' in body


def test_counter_intake_reuses_a_known_applicant_and_names_missing_components(client, world):
    client.force_login(world.desk)
    lookup = client.get("/staff/tiep-nhan/nguoi-nop/", {"kind": "citizen", "id_number": world.citizen.id_number})
    assert "Nguyễn Văn An" in lookup.content.decode()
    component = world.version.components.first()
    page = client.post(
        "/staff/tiep-nhan/",
        {"procedure": "2.000488", "place": str(world.city.justice.pk), "channel": "1", "kind": "citizen",
         "id_number": world.citizen.id_number, "sets": "1"},
    )  # fmt: skip
    assert page.status_code == 422
    assert f'id="id_component_{component.pk}_error"' in page.content.decode()


def test_the_specialist_sees_the_step_in_my_steps(client, world):
    dossier = counter(world)
    from motcua.dossiers.services import processing

    processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
    client.force_login(world.specialist)
    body = client.get("/staff/", {"q": "process"}).content.decode()
    assert dossier.code in body
    step = dossier.steps.get(status=StepStatus.ACTIVE)
    dossier.refresh_from_db()
    client.post(f"/staff/ho-so/{dossier.pk}/hanh-dong/handover/", {"version": dossier.version, "step_id": str(step.pk)})
    dossier.refresh_from_db()
    assert dossier.steps.get(status=StepStatus.ACTIVE).kind == "decide"
