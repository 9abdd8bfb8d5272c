"""GET /api/v1/tracking/{code} against a guesser (issue 12, item 2): every refusal is the same 404, a code takes 5
wrong checks in total, and the client's address for the rate limit cannot be forged."""

import pytest
from django.core.cache import cache

from motcua.core import clock
from motcua.dossiers.services.reception import dossier_intake_at_desk
from motcua.dossiers.tests.factories import make_world, vn
from motcua.dossiers.tracking import FACTOR_TRIES, tracking_token

RIGHT = "5678"


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


@pytest.fixture
def code(world) -> str:
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
    return dossier.code


def _answer(client, code, **params):
    response = client.get(f"/api/v1/tracking/{code}", params)
    return response.status_code, response.json()


def test_unknown_code_wrong_or_missing_check_wrong_token_and_locked_code_answer_alike(client, code):
    unknown = code[:-4] + "9999"
    answers = [
        _answer(client, unknown, factor=RIGHT),
        _answer(client, unknown),
        _answer(client, code),
        _answer(client, code, factor="0000"),
        _answer(client, code, t="x" * 20),
        _answer(client, code, t="chữ-ký-giả-mạo"),
        _answer(client, "x" * 31, factor=RIGHT),
    ]
    for attempt in range(FACTOR_TRIES):
        client.get(f"/api/v1/tracking/{code}", {"factor": f"{attempt + 1:04d}"})
    answers.append(_answer(client, code, factor=RIGHT))
    assert answers == [(404, {"code": "tracking_not_found", "message": answers[0][1]["message"], "fields": {}})] * 8


def test_a_guesser_gets_five_wrong_checks_per_code_whatever_the_rate_windows(client, world, code):
    # given a guesser who waits for every rate window to reset (a fresh minute)
    opened = 0
    for minute in range(4):
        cache.clear()
        for guess in range(25):
            status, _body = _answer(client, code, factor=f"{minute * 25 + guess:04d}")
            opened += status == 200
    # then the right check is refused too: at most 5 checks were ever compared, not 100
    cache.clear()
    assert _answer(client, code, factor=RIGHT)[0] == 404
    assert opened == 0
    # while the receipt's link and the applicant's own login still open it
    assert _answer(client, code, t=tracking_token(code))[0] == 200
    client.force_login(world.citizen_user)
    assert _answer(client, code)[0] == 200


def test_a_forged_x_forwarded_for_buys_no_more_lookups(client, code, settings):
    # given no trusted proxy: the peer's address is the client, whatever X-Forwarded-For says
    settings.TRUSTED_PROXIES = []
    for n in range(30):
        client.get(f"/api/v1/tracking/{code}", {"t": "x" * 20}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert client.get(f"/api/v1/tracking/{code}", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(client, code, settings):
    # given the proxy at 127.0.0.1 (the test client's peer), which appends the client's address
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(30):
        client.get(f"/api/v1/tracking/{code}", {"t": "x" * 20}, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client.get(f"/api/v1/tracking/{code}", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    # a forged entry to the left of the proxy's own does not change who the client is
    forged = "198.51.100.7, 203.0.113.1"
    assert client.get(f"/api/v1/tracking/{code}", HTTP_X_FORWARDED_FOR=forged).status_code == 429
    assert client.get(f"/api/v1/tracking/{code}", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 404
