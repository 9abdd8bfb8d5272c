"""Where the applicant finds the rating (issue 13, item 11): the returned dossier's portal page, the tracking page
opened from the receipt's QR code, the e-mail sent when the result is returned; after the change window the page
says so instead of showing the form; the thanks page leads on."""

from motcua.core import clock
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import rating_url, tracking_token
from motcua.integrations.models import OutboxMessage
from motcua.ratings.tests.test_services import rate


def test_the_email_sent_on_return_carries_the_rating_link_and_it_opens_the_form(client, returned):
    mail = OutboxMessage.objects.filter(topic="notify.email", key=returned.code).order_by("-pk").first()
    assert rating_url(returned.code) in mail.payload["body"]
    page = client.get(rating_url(returned.code))
    assert page.status_code == 200 and 'name="satisfied"' in page.content.decode()


def test_the_portal_page_of_a_returned_dossier_links_to_the_rating(client, world, returned):
    client.force_login(world.citizen_user)
    page = client.get(f"/ho-so/{returned.pk}/").content.decode()
    assert f'href="/danh-gia/ho-so/{returned.code}/"' in page


def test_the_tracking_page_opened_by_the_qr_code_links_to_the_rating_with_its_token(client, returned):
    token = tracking_token(returned.code)
    page = client.get(f"/tra-cuu/{returned.code}", {"t": token}).content.decode()
    assert 'id="rate-link"' in page and f"?t={token}" in page


def test_after_the_change_window_the_page_says_so_instead_of_showing_the_form(client, world, returned):
    rate(returned, vn(2026, 3, 4, 10, 30), satisfied=True)
    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 11, 10, 0)):  # still within 7 days of the first rating
        assert 'name="satisfied"' in client.get(f"/danh-gia/ho-so/{returned.code}/").content.decode()
    with clock.frozen(vn(2026, 3, 12, 9, 0)):
        page = client.get(f"/danh-gia/ho-so/{returned.code}/").content.decode()
    assert 'id="rating-closed"' in page and 'name="satisfied"' not in page
    assert f'href="/ho-so/{returned.pk}/"' in page


def test_the_thanks_page_leads_back_to_the_dossier_and_my_dossiers(client, world, returned):
    client.force_login(world.citizen_user)
    with clock.frozen(vn(2026, 3, 4, 11, 0)):
        page = client.post(f"/danh-gia/ho-so/{returned.code}/", {"satisfied": "yes"}).content.decode()
    assert f'href="/ho-so/{returned.pk}/"' in page and 'href="/ho-so/"' in page
