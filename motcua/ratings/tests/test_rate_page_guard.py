"""The applicant's rating page /danh-gia/ho-so/{code}/ (issue 12, item 2): it needs the receipt's signed link or
the applicant's login, answers an unknown code exactly as a real one, and is throttled per client address."""

import pytest

from motcua.dossiers.tracking import tracking_token
from motcua.orgs.tests.factories import make_user
from motcua.ratings.views import RATE_PAGE_LIMIT

UNKNOWN = "000.00.01.H26-260304-9999"


def _probe(client, code: str, query: str = ""):
    response = client.get(f"/danh-gia/ho-so/{code}/{query}")
    return response.status_code, response.get("Location", "").replace(code, "CODE")


def test_without_the_link_or_a_login_a_real_and_an_unknown_code_answer_alike(client, returned):
    # given no token and nobody logged in: both are sent to the login page
    assert _probe(client, returned.code) == _probe(client, UNKNOWN)
    assert _probe(client, UNKNOWN)[0] == 302
    # a forged token: the same 404 for both
    assert _probe(client, returned.code, "?t=forged-token-0000") == _probe(client, UNKNOWN, "?t=forged-token-0000")
    assert _probe(client, UNKNOWN, "?t=forged-token-0000")[0] == 404
    assert _probe(client, returned.code, "?t=chữ-ký") == _probe(client, UNKNOWN, "?t=chữ-ký") == (404, "")
    # someone else logged in: the same 404 for both
    client.force_login(make_user("nguoikhac"))
    assert _probe(client, returned.code) == _probe(client, UNKNOWN) == (404, "")


def test_the_signed_link_of_an_unknown_code_opens_nothing(client, returned):
    assert _probe(client, UNKNOWN, f"?t={tracking_token(UNKNOWN)}")[0] == 404
    assert _probe(client, returned.code, f"?t={tracking_token(returned.code)}")[0] == 200


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_page_is_throttled_per_address(client, world, returned, logged_in):
    if logged_in:
        client.force_login(world.citizen_user)
    for n in range(RATE_PAGE_LIMIT):
        assert client.get(f"/danh-gia/ho-so/{UNKNOWN[:-4]}{n:04d}/").status_code in (302, 404)
    assert client.get(f"/danh-gia/ho-so/{returned.code}/").status_code == 429
    assert client.get(f"/danh-gia/ho-so/{returned.code}/", REMOTE_ADDR="192.0.2.9").status_code in (200, 302)
