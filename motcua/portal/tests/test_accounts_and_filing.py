"""Registration with e-mail verification, online filing step by step, the answer to a supplement request."""

import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import reception
from motcua.dossiers.services.reception import SupplementItem
from motcua.dossiers.tests.factories import PDF
from motcua.portal.tests.conftest import PASSWORD

REGISTRATION = {
    "kind": "citizen", "id_number": "001190004321", "name": "Trần Thị Mai", "email": "mai@example.vn",
    "phone": "0987654321", "password": PASSWORD, "password2": PASSWORD,
}  # fmt: skip


def test_registration_sends_a_link_and_the_account_is_inactive_until_it_is_opened(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/dang-ky/", REGISTRATION)
    assert page.status_code == 200
    user = User.objects.get(username="001190004321")
    assert not user.is_active
    link = re.search(r"http://testserver(/xac-thuc/\S+/)", mail.outbox[0].body).group(1)
    assert not client.login(username="001190004321", password=PASSWORD)
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.get(link).status_code == 400  # works once


def test_registration_errors_are_next_to_the_field_in_vietnamese(client, world):
    body = client.post("/dang-ky/", {**REGISTRATION, "password2": "x"}).content.decode()
    assert 'id="id_password2_error"' in body
    body = client.post("/dang-ky/", {**REGISTRATION, "id_number": "12345"}).content.decode()
    assert 'id="id_id_number_error"' in body
    assert "12 chữ số" in body or "12 digits" in body
    taken = client.post("/dang-ky/", {**REGISTRATION, "id_number": world.citizen.id_number}).content.decode()
    assert 'id="id_id_number_error"' not in taken  # a registered number is not told apart (test_registration_privacy)


def file_online(client, world):
    """A citizen files 2.000488 online through the three steps; returns the submitted dossier."""
    client.force_login(world.citizen_user)
    start = client.post("/nop-truc-tuyen/2.000488/", {"place": str(world.city.justice.pk), "note": "Cần gấp"})
    assert start.status_code == 302, start.content.decode()
    dossier = Dossier.objects.get(owner=world.citizen_user)
    assert dossier.receiving_agency == world.city.centre
    for component in world.version.components.all():
        upload = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
        page = client.post(
            f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/",
            {"version": Dossier.objects.get(pk=dossier.pk).version, "file": upload},
            HTTP_HX_REQUEST="true",
        )
        assert page.status_code == 200, page.content.decode()
    summary = client.get(f"/ho-so/{dossier.pk}/xac-nhan/").content.decode()
    assert "200.000 đ" in summary
    dossier.refresh_from_db()
    done = client.post(f"/ho-so/{dossier.pk}/xac-nhan/", {"version": dossier.version}, follow=True)
    assert dossier.reference in done.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    return dossier


def test_online_filing_step_by_step(client, world):
    file_online(client, world)


def test_a_wrong_file_type_is_refused_next_to_the_component(client, world):
    client.force_login(world.citizen_user)
    client.post("/nop-truc-tuyen/2.000488/", {"place": str(world.city.justice.pk)})
    dossier = Dossier.objects.get(owner=world.citizen_user)
    component = world.version.components.first()
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ not a pdf", content_type="application/pdf")
    page = client.post(
        f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/", {"version": dossier.version, "file": fake},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert page.status_code == 422
    assert f'id="err-{component.pk}"' in page.content.decode()


def test_a_stale_version_reloads_the_page_with_a_message(client, world):
    client.force_login(world.citizen_user)
    client.post("/nop-truc-tuyen/2.000488/", {"place": str(world.city.justice.pk)})
    dossier = Dossier.objects.get(owner=world.citizen_user)
    component = world.version.components.first()
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    page = client.post(
        f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/", {"version": dossier.version + 5, "file": upload},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert page.status_code == 204
    assert page["HX-Redirect"] == f"/ho-so/{dossier.pk}/thanh-phan/"


def test_the_supplement_request_shows_what_to_fix_and_is_answered_online(client, world):
    dossier = file_online(client, world)
    reception.dossier_request_supplement(
        actor=world.desk, dossier_id=dossier.pk, items=[SupplementItem("Tờ khai", "Thiếu chữ ký")]
    )
    dossier.refresh_from_db()
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Thiếu chữ ký" in page
    component = world.version.components.first()
    upload = SimpleUploadedFile("to-khai-ky.pdf", PDF, content_type="application/pdf")
    client.post(f"/ho-so/{dossier.pk}/bo-sung/", {"version": dossier.version, f"component_{component.pk}": upload})
    dossier.refresh_from_db()
    assert dossier.state == "submitted"


def test_another_applicant_cannot_open_my_dossier(client, world):
    dossier = file_online(client, world)
    other = User.objects.create(username="001190009999")
    client.force_login(other)
    assert client.get(f"/ho-so/{dossier.pk}/").status_code == 404
