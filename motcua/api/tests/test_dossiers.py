"""The dossier API end to end: an online dossier from creation to reception, conflicts, public tracking."""

import pytest

from motcua.core import clock
from motcua.dossiers.tests.factories import PDF, make_world, vn
from motcua.dossiers.tracking import tracking_token


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def create(client, world):
    return client.post(
        "/api/v1/dossiers",
        {
            "procedure": world.version.procedure.code,
            "handling_agency": world.city.justice.code,
            "receiving_agency": world.city.centre.code,
            "channel": 2,
            "applicant": {"id_type": "cccd", "id_number": world.citizen.id_number},
        },
        content_type="application/json",
    )


def test_an_online_dossier_from_creation_to_reception(client, world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        client.force_login(world.citizen_user)
        response = create(client, world)
        assert response.status_code == 201, response.content
        body = response.json()
        dossier_id, version = body["id"], body["version"]
        assert body["state"] == "draft" and body["code"] is None and body["reference"].startswith("HS")
        component = world.version.components.first()
        upload = client.post(
            f"/api/v1/dossiers/{dossier_id}/components",
            {"component_id": component.pk, "version": version, "file": _file("to-khai.pdf", PDF)},
        )
        assert upload.status_code == 200, upload.content
        version = upload.json()["version"]
        submitted = client.post(
            f"/api/v1/dossiers/{dossier_id}/actions/submit", {"version": version}, content_type="application/json"
        )
        assert submitted.json()["state"] == "submitted"
        # the applicant may not receive their own dossier
        refused = client.post(
            f"/api/v1/dossiers/{dossier_id}/actions/receive",
            {"version": submitted.json()["version"]},
            content_type="application/json",
        )
        assert refused.status_code == 403
        client.force_login(world.desk)
        received = client.post(
            f"/api/v1/dossiers/{dossier_id}/actions/receive",
            {"version": submitted.json()["version"]},
            content_type="application/json",
        )
        assert received.status_code == 200, received.content
        assert received.json()["code"] == "000.00.01.H26-260302-0001"
        stale = client.post(
            f"/api/v1/dossiers/{dossier_id}/actions/transfer", {"version": version}, content_type="application/json"
        )
        assert stale.status_code == 409
        assert stale.json()["code"] == "version_mismatch"


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_wrong_file_type_is_refused_with_a_precise_message(client, world):
    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        body = create(client, world).json()
        response = client.post(
            f"/api/v1/dossiers/{body['id']}/components",
            {
                "component_id": world.version.components.first().pk,
                "version": body["version"],
                "file": _file("virus.pdf", b"MZ\x90\x00"),
            },
        )
    assert response.status_code == 422
    assert response.json()["code"] == "file_type"


def test_an_oversized_file_is_refused(client, world, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1000
    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        body = create(client, world).json()
        response = client.post(
            f"/api/v1/dossiers/{body['id']}/components",
            {
                "component_id": world.version.components.first().pk,
                "version": body["version"],
                "file": _file("big.pdf", PDF + b"0" * 2000),
            },
        )
    assert response.status_code == 422
    assert response.json()["code"] == "file_too_large"


def test_unknown_procedure_and_missing_fields(client, world):
    client.force_login(world.citizen_user)
    response = client.post("/api/v1/dossiers", {"procedure": "9.999999", "handling_agency": world.city.justice.code,
                           "applicant": {"id_type": "cccd", "id_number": world.citizen.id_number}}, content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_procedure"
    assert client.post("/api/v1/dossiers", {}, content_type="application/json").status_code == 422


def test_others_cannot_see_a_dossier(client, world):
    from motcua.orgs.tests.factories import make_user

    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier_id = create(client, world).json()["id"]
    client.force_login(make_user("nguoikhac"))
    assert client.get(f"/api/v1/dossiers/{dossier_id}").status_code == 404
    assert client.get("/api/v1/dossiers").json()["count"] == 0


def test_public_tracking_by_factor_or_token_shows_no_personal_data(client, world):
    from motcua.dossiers.services.reception import dossier_intake_at_desk

    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
    by_phone = client.get(f"/api/v1/tracking/{dossier.code}", {"factor": "5678"})
    assert by_phone.status_code == 200
    body = by_phone.json()
    assert body["state"] == "received"
    assert body["appointment_at"].startswith("2026-03-04T14:30:00+07:00")
    text = by_phone.content.decode()
    for personal in (world.citizen.name, world.citizen.id_number, world.citizen.phone, world.citizen.email):
        assert personal not in text
    assert client.get(f"/api/v1/tracking/{dossier.code}", {"factor": "2345"}).status_code == 200  # last 4 of the CCCD
    assert client.get(f"/api/v1/tracking/{dossier.code}", {"t": tracking_token(dossier.code)}).status_code == 200
    assert client.get(f"/api/v1/tracking/{dossier.code}", {"factor": "0000"}).status_code == 404
    assert client.get(f"/api/v1/tracking/{dossier.code}", {"t": "x" * 20}).status_code == 404
    assert client.get(f"/api/v1/tracking/{dossier.code}").status_code == 404  # no check: as for an unknown code


def test_tracking_is_rate_limited(client, world):
    for _ in range(30):
        client.get("/api/v1/tracking/000.00.01.H26-260302-0001", {"factor": "1234"})
    assert client.get("/api/v1/tracking/000.00.01.H26-260302-0001", {"factor": "1234"}).status_code == 429
