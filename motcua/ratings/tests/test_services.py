"""Rating a dossier by each channel, replacing a rating within the window, and the counter kiosk."""

import datetime as dt

import pytest

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token
from motcua.metrics.index import ratings_report
from motcua.metrics.scope import Scope
from motcua.metrics.tests.helpers import intake
from motcua.orgs.models import Role, StaffRole
from motcua.ratings import selectors, services
from motcua.ratings.models import Channel, Kiosk, Rating, RatingPolicy

MARCH = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}


def rate(dossier, at, *, satisfied=True, **kw):
    kw.setdefault("channel", Channel.QR)
    if kw["channel"] == Channel.QR:
        kw.setdefault("token", tracking_token(dossier.code))
    with clock.frozen(at):
        return services.rating_submit(dossier_id=dossier.pk, satisfied=satisfied, **kw)


def figures(world):
    report = ratings_report(scope=Scope(world.city.province), **MARCH)
    return report["eligible"], report["rated"], report["satisfied"]


def test_the_receipt_qr_link_rates_the_returned_dossier_and_the_index_counts_it(world, returned):
    assert figures(world) == (1, 0, 0)
    rating = rate(returned, vn(2026, 3, 4, 10, 30), came_back="none", bodies_contacted="desk_only",
                  attitude="courteous", comment="Nhanh gọn")  # fmt: skip
    assert (rating.channel, rating.satisfied, rating.is_current) == ("qr", True, True)
    assert figures(world) == (1, 1, 1)


def test_a_wrong_token_is_refused(returned):
    with pytest.raises(PermissionDenied):
        rate(returned, vn(2026, 3, 4, 11, 0), token="x" * 27)


def test_a_dossier_is_rated_once_its_result_is_returned(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    with pytest.raises(Conflict) as caught:
        rate(dossier, vn(2026, 3, 2, 11, 0))
    assert caught.value.code == "rating_not_open"


def test_the_applicant_rates_on_the_portal_and_nobody_else_does(world, returned):
    assert rate(returned, vn(2026, 3, 5, 9, 0), channel=Channel.PORTAL, actor=world.citizen_user).entered_by_id
    stranger = User.objects.create(username="stranger", full_name="Người lạ")
    with pytest.raises(PermissionDenied):
        rate(returned, vn(2026, 3, 5, 10, 0), channel=Channel.PORTAL, actor=stranger)


def test_a_desk_officer_enters_a_paper_form_but_a_specialist_does_not(world, returned):
    rating = rate(returned, vn(2026, 3, 4, 16, 0), channel=Channel.PAPER, actor=world.desk, satisfied=False)
    assert (rating.channel, rating.entered_by) == ("paper", world.desk)
    with pytest.raises(PermissionDenied):
        rate(returned, vn(2026, 3, 4, 16, 5), channel=Channel.PAPER, actor=world.specialist)


def test_a_rating_is_replaced_within_seven_days_of_the_first_and_then_kept(world, returned):
    first = rate(returned, vn(2026, 3, 4, 10, 30), satisfied=True)
    second = rate(returned, vn(2026, 3, 9, 9, 0), satisfied=False)
    assert figures(world) == (1, 1, 0)
    third = rate(returned, vn(2026, 3, 11, 10, 29), satisfied=True)  # day 7 of the first rating
    assert [r.pk for r in Rating.objects.filter(dossier=returned, is_current=True)] == [third.pk]
    assert third.replaces == second and second.replaces == first
    assert third.first_rated_at == first.rated_at
    with pytest.raises(Conflict) as caught:
        rate(returned, vn(2026, 3, 11, 10, 31), satisfied=False)
    assert caught.value.code == "rating_window_closed"
    assert figures(world) == (1, 1, 1)


def test_the_window_is_versioned_configuration(world, returned):
    RatingPolicy.objects.create(valid_from=dt.date(2026, 3, 1), replace_window_days=1)
    rate(returned, vn(2026, 3, 4, 10, 30))
    with pytest.raises(Conflict):
        rate(returned, vn(2026, 3, 6, 9, 0), satisfied=False)
    assert selectors.policy_on(dt.date(2026, 2, 1)).replace_window_days == 7


def test_answers_are_checked(returned):
    with pytest.raises(ValidationFailed):
        rate(returned, vn(2026, 3, 4, 10, 30), attitude="rude")
    with pytest.raises(ValidationFailed):
        rate(returned, vn(2026, 3, 4, 10, 30), comment="x" * 2001)


@pytest.fixture
def kiosk(world):
    return Kiosk.objects.create(agency=world.city.centre, name="Quầy 3")


@pytest.fixture
def agency_admin(world):
    user = User.objects.create(username="quantri.tt", full_name="Quản trị")
    StaffRole.objects.create(user=user, agency=world.city.centre, role=Role.AGENCY_ADMIN)
    return user


def test_a_kiosk_is_paired_once_with_an_administrators_code(kiosk, agency_admin, world):
    with clock.frozen(vn(2026, 3, 4, 8, 0)):
        code = services.kiosk_issue_pairing_code(actor=agency_admin, kiosk_id=kiosk.pk)
        assert len(code) == 8 and code.isdigit()
        with pytest.raises(PermissionDenied):
            services.kiosk_issue_pairing_code(actor=world.desk, kiosk_id=kiosk.pk)
        paired, secret = services.kiosk_pair(code=code)
    assert paired == kiosk
    assert selectors.kiosk_by_secret(secret) == kiosk
    assert selectors.kiosk_by_secret("not-the-secret") is None
    with clock.frozen(vn(2026, 3, 4, 8, 1)), pytest.raises(ValidationFailed):
        services.kiosk_pair(code=code)  # used once


def test_a_pairing_code_expires_after_15_minutes(kiosk, agency_admin):
    with clock.frozen(vn(2026, 3, 4, 8, 0)):
        code = services.kiosk_issue_pairing_code(actor=agency_admin, kiosk_id=kiosk.pk)
    with clock.frozen(vn(2026, 3, 4, 8, 16)), pytest.raises(ValidationFailed):
        services.kiosk_pair(code=code)


def test_the_officer_presents_the_returned_dossier_and_the_applicant_rates_it_on_the_tablet(world, kiosk, returned):
    with clock.frozen(vn(2026, 3, 4, 10, 1)):
        with pytest.raises(PermissionDenied):  # nothing presented yet
            services.rating_submit(dossier_id=returned.pk, satisfied=True, channel=Channel.KIOSK, kiosk=kiosk)
        services.kiosk_present(actor=world.desk, kiosk_id=kiosk.pk, dossier_code=returned.code)
    kiosk.refresh_from_db()
    with clock.frozen(vn(2026, 3, 4, 10, 2)):
        assert selectors.kiosk_presented(kiosk) == returned
        rating = services.rating_submit(dossier_id=returned.pk, satisfied=True, channel=Channel.KIOSK, kiosk=kiosk)
    assert (rating.channel, rating.kiosk) == ("kiosk", kiosk)
    kiosk.refresh_from_db()
    assert kiosk.current_dossier is None
    assert figures(world) == (1, 1, 1)


def test_a_presented_dossier_waits_15_minutes(world, kiosk, returned):
    with clock.frozen(vn(2026, 3, 4, 10, 0)):
        services.kiosk_present(actor=world.desk, kiosk_id=kiosk.pk, dossier_code=returned.code)
    kiosk.refresh_from_db()
    with clock.frozen(vn(2026, 3, 4, 10, 16)):
        assert selectors.kiosk_presented(kiosk) is None
        with pytest.raises(PermissionDenied):
            services.rating_submit(dossier_id=returned.pk, satisfied=True, channel=Channel.KIOSK, kiosk=kiosk)


def test_only_the_desk_presents_and_only_its_own_returned_dossiers(world, kiosk, returned):
    other = intake(world, vn(2026, 3, 2, 9, 30))
    with clock.frozen(vn(2026, 3, 4, 10, 0)):
        with pytest.raises(PermissionDenied):
            services.kiosk_present(actor=world.specialist, kiosk_id=kiosk.pk, dossier_code=returned.code)
        with pytest.raises(Conflict):
            services.kiosk_present(actor=world.desk, kiosk_id=kiosk.pk, dossier_code=other.code)
        with pytest.raises(NotFound):
            services.kiosk_present(actor=world.desk, kiosk_id=kiosk.pk, dossier_code="000.00.01.H26-260302-9999")
