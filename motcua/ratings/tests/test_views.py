"""The rating pages: by the receipt's QR link, on a paired counter tablet, and the desk's page."""

from motcua.core import clock
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token
from motcua.ratings import services
from motcua.ratings.models import Kiosk, Rating
from motcua.ratings.views import KIOSK_COOKIE


def test_the_qr_link_opens_the_form_and_records_the_rating(client, returned):
    url = f"/danh-gia/ho-so/{returned.code}/?t={tracking_token(returned.code)}"
    page = client.get(url)
    assert page.status_code == 200
    assert returned.code in page.content.decode()
    with clock.frozen(vn(2026, 3, 4, 11, 0)):
        done = client.post(url, {"satisfied": "no", "attitude": "complaint", "comment": "Chờ lâu"})
    assert done.status_code == 200
    rating = Rating.objects.get(dossier=returned)
    assert (rating.channel, rating.satisfied, rating.attitude, rating.comment) == ("qr", False, "complaint", "Chờ lâu")


def test_a_wrong_link_is_not_found_and_without_a_link_one_logs_in(client, returned):
    assert client.get(f"/danh-gia/ho-so/{returned.code}/?t=forged-token-0000").status_code == 404
    assert client.get(f"/danh-gia/ho-so/{returned.code}/").status_code == 302


def test_the_logged_in_applicant_rates_on_the_portal(client, world, returned):
    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 4, 11, 0)):
        assert client.post(f"/danh-gia/ho-so/{returned.code}/", {"satisfied": "yes"}).status_code == 200
    assert Rating.objects.get(dossier=returned).channel == "portal"


def test_an_incomplete_form_is_shown_again(client, returned):
    url = f"/danh-gia/ho-so/{returned.code}/?t={tracking_token(returned.code)}"
    assert client.post(url, {"comment": "?"}).status_code == 422
    assert not Rating.objects.exists()


def test_the_tablet_is_paired_waits_and_takes_the_rating_the_officer_presents(client, world, returned, settings):
    kiosk = Kiosk.objects.create(agency=world.city.centre, name="Quầy 3")
    tablet = client
    assert "ghep-noi" in tablet.get("/danh-gia/kiosk/").content.decode()  # not paired: the pairing form
    with clock.frozen(vn(2026, 3, 4, 9, 50)):
        code = services.kiosk_issue_pairing_code(actor=_superuser(), kiosk_id=kiosk.pk)
        paired = tablet.post("/danh-gia/kiosk/ghep-noi/", {"code": code})
    assert paired.status_code == 302 and paired.cookies[KIOSK_COOKIE]["httponly"]
    waiting = tablet.get("/danh-gia/kiosk/")
    assert 'http-equiv="refresh"' in waiting.content.decode()
    # the desk officer shows the returned dossier on that tablet
    from django.test import Client

    desk = Client()
    desk.force_login(world.desk)
    with clock.frozen(vn(2026, 3, 4, 10, 1)):
        shown = desk.post("/danh-gia/quay/", {"present": "1", "present-kiosk": kiosk.pk, "present-code": returned.code})
        assert shown.status_code == 302
        form = tablet.get("/danh-gia/kiosk/")
        assert returned.code in form.content.decode()
        thanks = tablet.post("/danh-gia/kiosk/", {"satisfied": "yes", "came_back": "none"})
    assert thanks.status_code == 200
    rating = Rating.objects.get(dossier=returned)
    assert (rating.channel, rating.kiosk, rating.came_back) == ("kiosk", kiosk, "none")


def test_a_wrong_pairing_code_is_refused(client, world):
    Kiosk.objects.create(agency=world.city.centre, name="Quầy 3")
    response = client.post("/danh-gia/kiosk/ghep-noi/", {"code": "12345678"})
    assert response.status_code == 422
    assert KIOSK_COOKIE not in response.cookies


def test_the_desk_enters_a_paper_form(client, world, returned):
    client.force_login(world.desk)
    assert client.get("/danh-gia/quay/").status_code == 200
    with clock.frozen(vn(2026, 3, 4, 16, 0)):
        done = client.post("/danh-gia/quay/", {"paper": "1", "paper-code": returned.code, "paper-satisfied": "yes",
                                                 "paper-bodies_contacted": "desk_only"})  # fmt: skip
    assert done.status_code == 302
    rating = Rating.objects.get(dossier=returned)
    assert (rating.channel, rating.entered_by, rating.bodies_contacted) == ("paper", world.desk, "desk_only")


def test_a_paper_form_for_an_unknown_dossier_is_shown_again(client, world):
    client.force_login(world.desk)
    response = client.post("/danh-gia/quay/", {"paper": "1", "paper-code": "nope", "paper-satisfied": "yes"})
    assert response.status_code == 422


def _superuser():
    from motcua.accounts.models import User

    return User.objects.create(username="root", is_superuser=True, is_staff=True)
