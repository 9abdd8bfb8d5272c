"""Public tracking by code and check digits (issue 12, item 2): after 5 wrong checks in total a code answers no
more check-digit lookups — the receipt's signed link and the logged-in applicant still work, and the desk can
reopen it; an unknown code, a wrong check, a missing check and a locked code all answer alike."""

import pytest

from motcua.core import clock
from motcua.core.errors import NotFound, PermissionDenied
from motcua.dossiers import tracking
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.reception import dossier_intake_at_desk
from motcua.dossiers.tests.factories import World, make_world, vn
from motcua.orgs.tests.factories import make_user

RIGHT = "5678"  # the last 4 digits of the applicant's phone, 0912345678


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return make_world()


@pytest.fixture
def dossier(world) -> Dossier:
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        return dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def _refusal(**lookup) -> dict:
    with pytest.raises(NotFound) as refused:
        tracking.tracking_lookup(**lookup)
    return refused.value.as_dict()


def _wrong(code: str, times: int) -> None:
    for attempt in range(times):
        _refusal(code=code, factor=f"{attempt:04d}")


def test_after_five_wrong_checks_even_the_right_one_is_refused_like_an_unknown_code(dossier):
    unknown = _refusal(code=dossier.code[:-4] + "9999", factor=RIGHT)
    # given 4 wrong checks, the right one still opens the dossier
    _wrong(dossier.code, 4)
    assert tracking.tracking_lookup(code=dossier.code, factor=RIGHT) == dossier
    # when a 5th wrong check is tried
    _wrong(dossier.code, 1)
    # then the code is locked: the right check gets the answer of an unknown code
    assert _refusal(code=dossier.code, factor=RIGHT) == unknown
    assert tracking.tracking_locked(dossier)


def test_the_signed_link_and_the_logged_in_applicant_still_open_a_locked_code(world, dossier):
    _wrong(dossier.code, tracking.FACTOR_TRIES)
    token = tracking.tracking_token(dossier.code)
    assert tracking.tracking_lookup(code=dossier.code, token=token) == dossier
    assert tracking.tracking_lookup(code=dossier.code, user=world.citizen_user) == dossier
    # but not another logged-in person, even with the right check
    _refusal(code=dossier.code, factor=RIGHT, user=make_user("nguoikhac"))


def test_unknown_code_wrong_check_missing_check_and_locked_code_answer_alike(dossier):
    answers = [
        _refusal(code="000.00.01.H26-260302-9999", factor=RIGHT),
        _refusal(code=dossier.code, factor="0000"),
        _refusal(code=dossier.code),
        _refusal(code=dossier.code, token="not-the-signature"),
        _refusal(code="x" * 200, factor=RIGHT),
    ]
    _wrong(dossier.code, tracking.FACTOR_TRIES)
    answers.append(_refusal(code=dossier.code, factor=RIGHT))
    assert all(answer == answers[0] for answer in answers)
    assert answers[0]["code"] == "tracking_not_found"


def test_the_desk_reopens_a_locked_code_and_the_history_says_who(world, dossier):
    _wrong(dossier.code, tracking.FACTOR_TRIES)
    # a specialist may not reopen it: that is the desk's
    with pytest.raises(PermissionDenied):
        tracking.tracking_unlock(dossier=dossier, actor=world.specialist)
    with clock.frozen(vn(2026, 3, 3, 10, 0)):
        tracking.tracking_unlock(dossier=dossier, actor=world.desk)
    assert not tracking.tracking_locked(dossier)
    assert tracking.tracking_lookup(code=dossier.code, factor=RIGHT) == dossier
    event = DossierEvent.objects.get(dossier=dossier, action="tracking_unlock")
    assert (event.actor, event.at, event.payload) == (world.desk, vn(2026, 3, 3, 10, 0), {"failures": 5})
    # and the count starts again from zero
    _wrong(dossier.code, tracking.FACTOR_TRIES - 1)
    assert tracking.tracking_lookup(code=dossier.code, factor=RIGHT) == dossier


def test_the_admin_reopens_a_locked_code(admin_client, dossier):
    _wrong(dossier.code, tracking.FACTOR_TRIES)
    assert admin_client.get("/admin/dossiers/trackingguard/").status_code == 200
    done = admin_client.post(
        "/admin/dossiers/trackingguard/", {"action": "reopen", "_selected_action": [dossier.pk]}, follow=True
    )
    assert done.status_code == 200
    assert not tracking.tracking_locked(dossier)
    assert DossierEvent.objects.filter(dossier=dossier, action="tracking_unlock").count() == 1
