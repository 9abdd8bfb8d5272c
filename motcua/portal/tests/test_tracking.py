"""The tracking page /tra-cuu/ against a guesser (issue 12, item 2): an unknown code, a wrong check and a code
locked after 5 wrong checks get the same page; the applicant's own login still shows a locked dossier."""

import re

import pytest
from django.test import Client

from motcua.dossiers.tracking import FACTOR_TRIES, LOOKUPS_PER_MINUTE
from motcua.portal.tests.test_public import received

RIGHT = "5678"


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def _look_up(browser, code: str, factor: str):
    form = browser.get("/tra-cuu/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    page = browser.post("/tra-cuu/", {"csrfmiddlewaretoken": token, "code": code, "factor": factor})
    # what differs between two answers by construction: the page's CSRF tokens and what was typed in
    body = re.sub(r"\b[A-Za-z0-9]{64}\b", "TOKEN", page.content.decode()).replace(code, "CODE")
    body = body.replace(f'value="{factor}"', 'value="FACTOR"')
    return page.status_code, body


def test_unknown_code_wrong_check_and_locked_code_get_the_same_page(browser, world):
    dossier = received(world)
    unknown = _look_up(browser, dossier.code[:-4] + "9999", RIGHT)
    wrong = _look_up(browser, dossier.code, "0000")
    for attempt in range(1, FACTOR_TRIES):
        _look_up(browser, dossier.code, f"{attempt:04d}")
    locked = _look_up(browser, dossier.code, RIGHT)
    assert unknown[0] == wrong[0] == locked[0] == 404
    assert unknown[1] == wrong[1] == locked[1]


def test_the_applicant_logged_in_still_sees_a_locked_dossier(client, world):
    dossier = received(world)
    for attempt in range(FACTOR_TRIES):
        client.post("/tra-cuu/", {"code": dossier.code, "factor": f"{attempt:04d}"})
    assert client.post("/tra-cuu/", {"code": dossier.code, "factor": RIGHT}).status_code == 404
    client.force_login(world.citizen_user)
    page = client.get(f"/tra-cuu/{dossier.code}")
    assert page.status_code == 200
    assert 'id="h-status"' in page.content.decode()


def test_the_page_and_the_api_share_one_budget_per_address(client, world):
    dossier = received(world)
    for _ in range(LOOKUPS_PER_MINUTE):
        client.get(f"/api/v1/tracking/{dossier.code}", {"t": "x" * 20})
    assert client.post("/tra-cuu/", {"code": dossier.code, "factor": RIGHT}).status_code == 429


def test_the_online_reference_and_a_lower_case_code_find_the_dossier(browser, world):
    dossier = received(world)
    for typed in (dossier.code.lower(), f" {dossier.reference.lower()} ", dossier.reference):
        status, body = _look_up(browser, typed, RIGHT)
        assert status == 200, typed
        assert 'id="h-status"' in body


def test_a_drafts_reference_is_not_tracked(browser, world):
    from motcua.dossiers.models import Channel
    from motcua.dossiers.services import intake

    draft = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    assert _look_up(browser, draft.reference, RIGHT)[0] == 404
