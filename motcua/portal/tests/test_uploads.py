"""Uploads through the portal's form, as a browser sends them (CSRF checked), and the file as it is served back."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

from motcua.dossiers.models import Channel, DossierComponent, StoredFile
from motcua.dossiers.services import intake
from motcua.dossiers.tests import samples


def _browser(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.citizen_user)
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    return client, dossier


def _upload(client, dossier, component, name, content):
    """Open the documents page, then send the component's form with the token the page carries."""
    page = client.get(f"/ho-so/{dossier.pk}/thanh-phan/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    dossier.refresh_from_db()
    return client.post(
        f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/",
        {"csrfmiddlewaretoken": token, "version": dossier.version,
         "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip


def test_a_photo_uploaded_with_its_gps_position_is_served_without_it(world):
    client, dossier = _browser(world)
    component = world.version.components.first()
    answer = _upload(client, dossier, component, "anh-chup.jpg", samples.jpeg_with_gps())
    assert answer.status_code == 200
    stored = DossierComponent.objects.get(dossier=dossier, component=component).file
    served = client.get(f"/ho-so/{dossier.pk}/tep/{stored.pk}/")
    body = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/jpeg" and served["X-Content-Type-Options"] == "nosniff"
    photo = Image.open(io.BytesIO(body))
    assert photo.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"Exif" not in body and b"PhoneMaker" not in body


def test_a_pdf_html_polyglot_is_refused_next_to_the_component_and_not_stored(world):
    client, dossier = _browser(world)
    component = world.version.components.first()
    answer = _upload(client, dossier, component, "to-khai.pdf", b"%PDF-1.7\n" + samples.HTML)
    assert answer.status_code == 422
    assert f'id="err-{component.pk}"' in answer.content.decode()
    assert not StoredFile.objects.exists()


def test_a_pdf_running_javascript_is_refused_by_the_api_with_its_code(world):
    _, dossier = _browser(world)
    client = Client()  # the API with the applicant's session
    client.force_login(world.citizen_user)
    hostile = samples.pdf(catalog=b"/OpenAction 5 0 R", objects=(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",))
    answer = client.post(
        f"/api/v1/dossiers/{dossier.pk}/components",
        {"component_id": world.version.components.first().pk, "version": dossier.version,
         "file": SimpleUploadedFile("to-khai.pdf", hostile, content_type="application/pdf")},
    )  # fmt: skip
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "pdf_javascript"
    assert "to-khai.pdf" in body["message"] and list(body["fields"]) == [
        f"components.{world.version.components.first().pk}"
    ]


def test_over_the_quota_the_applicant_is_told_next_to_the_component(world, settings):
    settings.MOTCUA_APPLICANT_QUOTA_BYTES = 50_000
    client, dossier = _browser(world)
    component = world.version.components.first()
    answer = _upload(client, dossier, component, "to-khai.pdf", samples.big_pdf(60_000))
    assert answer.status_code == 422 and f'id="err-{component.pk}"' in answer.content.decode()
    assert not StoredFile.objects.exists()
