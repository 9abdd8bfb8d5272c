"""Issue 12, items 6 and 7: the attacks that got through, each replayed and now refused.

- A script with a bearer token (and no session cookie) could not write: the session authenticator failed the CSRF
  check before the token was tried. A session-authenticated write still needs the CSRF token.
- A user without the right learnt details (422/409) from validation and version checks that ran before the
  permission check, and a pause on a paused dossier was a 500 (an insert before the state check).
- A JSON body sent as text/plain skipped the NUL check (a 500 on PostgreSQL); a 5 MB request and an unknown fee
  table were accepted.
"""

import json

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.tokens import token_issue
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent, Pause
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tests.test_documents_scenarios import received, transferred_and_appraised
from motcua.orgs.models import Role, StaffRole

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, secret = token_issue(user=user, name="script")
    return {"Authorization": f"Bearer {secret}"}


def dossier_body(world) -> dict:
    return {
        "procedure": world.version.procedure.code,
        "handling_agency": world.city.justice.code,
        "receiving_agency": world.city.centre.code,
        "channel": 1,
        "applicant": {"id_type": "cccd", "id_number": world.citizen.id_number},
    }


# --- Item 6: bearer tokens write without CSRF; sessions still need it -----------------------------------------


def test_a_script_with_a_bearer_token_and_no_cookie_can_write(world):
    script = Client(enforce_csrf_checks=True)  # no session cookie, no CSRF token: what curl or another system sends
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        created = script.post(
            "/api/v1/dossiers", dossier_body(world), content_type="application/json", headers=bearer(world.desk)
        )
        assert created.status_code == 201, created.content
        dossier = created.json()
        acted = script.post(
            f"/api/v1/dossiers/{dossier['id']}/actions/withdraw",
            {"version": dossier["version"], "reason": "Công dân rút hồ sơ"},
            content_type="application/json",
            headers=bearer(world.citizen_user),
        )
    assert acted.status_code == 200, acted.content
    assert acted.json()["state"] == "withdrawn"


def test_a_session_write_without_the_csrf_token_is_refused_and_with_it_accepted(world):
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(world.desk)
    refused = forged.post("/api/v1/dossiers", dossier_body(world), content_type="application/json")
    assert (refused.status_code, refused.json()["message"]) == (403, "CSRF check Failed")
    # A session cookie beside a bearer token is still the session's: the token does not lift the CSRF check.
    both = forged.post(
        "/api/v1/dossiers", dossier_body(world), content_type="application/json", headers=bearer(world.desk)
    )
    assert both.status_code == 403
    assert not Dossier.objects.exists()

    forged.get("/staff/")  # the page sets the csrftoken cookie, as a browser gets it
    token = forged.cookies["csrftoken"].value
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        accepted = forged.post(
            "/api/v1/dossiers", dossier_body(world), content_type="application/json", headers={"X-CSRFToken": token}
        )
    assert accepted.status_code == 201, accepted.content


def test_an_expired_session_cookie_does_not_block_the_token(world):
    script = Client(enforce_csrf_checks=True)
    script.cookies["sessionid"] = "no-such-session"
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        created = script.post(
            "/api/v1/dossiers", dossier_body(world), content_type="application/json", headers=bearer(world.desk)
        )
    assert created.status_code == 201, created.content


# --- Item 7: permission before validation, state and version; nothing written before --------------------------


@pytest.fixture
def inspector(world):
    user = User.objects.create(username="thanhtra", full_name="Thanh tra thành phố")
    StaffRole.objects.create(user=user, agency=world.city.province, role=Role.INSPECTOR)
    return user


@pytest.fixture
def in_progress(world):
    dossier = transferred_and_appraised(world, received(world, vn(2026, 3, 2, 9, 0)), vn(2026, 3, 2, 10, 0))
    dossier.refresh_from_db()
    return dossier


@pytest.mark.parametrize(
    ("verb", "body"),
    [
        ("pause", {}),  # the pause reason is missing: was a 422 naming it
        ("pause", {"pause_reason": "nonsense"}),  # was a 422 listing the reasons
        ("decide", {"outcome": "refused"}),  # no reason: was a 422
        ("apologise", {"reason": "x"}),  # no new appointment: was a 422
        ("receive", {}),  # not allowed from this state: was a 409 naming the state
        ("resume", {}),  # not paused: was a 409
    ],
)
def test_an_inspector_learns_nothing_but_the_refusal(client, world, inspector, in_progress, verb, body):
    client.force_login(inspector)
    for version in (in_progress.version, in_progress.version + 7):  # the right and a stale version
        response = client.post(
            f"/api/v1/dossiers/{in_progress.pk}/actions/{verb}",
            {"version": version, **body},
            content_type="application/json",
        )
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "forbidden"
    in_progress.refresh_from_db()
    assert in_progress.events.count() == DossierEvent.objects.filter(dossier=in_progress).count()
    assert not Pause.objects.exists()


def test_a_pause_on_a_paused_dossier_is_a_conflict_not_a_server_error(client, world, in_progress):
    client.force_login(world.specialist)
    url = f"/api/v1/dossiers/{in_progress.pk}/actions/pause"
    first = client.post(
        url, {"version": in_progress.version, "pause_reason": "applicant"}, content_type="application/json"
    )
    assert first.status_code == 200, first.content
    again = client.post(
        url, {"version": first.json()["version"], "pause_reason": "applicant"}, content_type="application/json"
    )
    assert (again.status_code, again.json()["code"]) == (409, "transition_not_allowed")
    assert Pause.objects.filter(dossier=in_progress).count() == 1


# --- Item 7: JSON only, sizes and unknown ids --------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_json_body_in_another_media_type_is_a_415(world, content_type):
    script = Client(enforce_csrf_checks=True)
    body = json.dumps({**dossier_body(world), "note": "a\u0000b"})
    response = script.post("/api/v1/dossiers", body, content_type=content_type, headers=bearer(world.desk))
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"text"'])
def test_a_body_that_is_not_a_json_object_is_a_400(world, body):
    script = Client(enforce_csrf_checks=True)
    response = script.post("/api/v1/dossiers", body, content_type="application/json", headers=bearer(world.desk))
    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


def test_unknown_properties_are_refused(world):
    script = Client(enforce_csrf_checks=True)
    body = {**dossier_body(world), "state": "returned"}
    response = script.post("/api/v1/dossiers", body, content_type="application/json", headers=bearer(world.desk))
    assert response.status_code == 422
    assert "state" in response.json()["fields"]


def test_a_five_megabyte_request_is_refused(world):
    from motcua.core.errors import ValidationFailed
    from motcua.dossiers.services import intake

    script = Client(enforce_csrf_checks=True)
    body = {**dossier_body(world), "note": "x" * 5_000_000}
    response = script.post("/api/v1/dossiers", body, content_type="application/json", headers=bearer(world.desk))
    assert (response.status_code, response.json()["code"]) == (413, "request_too_large")  # refused before reading
    body = {**dossier_body(world), "note": "x" * 2001}
    response = script.post("/api/v1/dossiers", body, content_type="application/json", headers=bearer(world.desk))
    assert response.status_code == 422 and "note" in response.json()["fields"]
    # Whichever way a dossier is filed, the service refuses it too.
    with pytest.raises(ValidationFailed) as refused:
        intake.dossier_create(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, channel=1, note="x" * 2001,
        )  # fmt: skip
    assert refused.value.code == "note_too_long"
    assert not Dossier.objects.exists()


def test_an_unknown_fee_table_is_refused(world):
    script = Client(enforce_csrf_checks=True)
    body = {**dossier_body(world), "fee_rows": {"999999": "Cấp lần đầu"}}
    response = script.post("/api/v1/dossiers", body, content_type="application/json", headers=bearer(world.desk))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "unknown_fee"
    assert list(response.json()["fields"]) == ["fee_rows.999999"]
    assert not Dossier.objects.exists()
