"""Our own 404 and 500 pages, in the site's style (issue 13, item 24). The 500 page renders with no request, no
user and no database: Django's server_error() gives it an empty context."""

import pytest
from django.template import loader
from django.test import Client
from playwright.sync_api import expect

from motcua.portal.tests.conftest import shot


def test_the_500_page_renders_with_no_context_and_no_database():
    # no django_db mark: a query here would fail the test
    html = loader.get_template("500.html").render()
    assert 'id="error-500"' in html and 'class="site-header"' in html
    assert "motcua/site.css" in html
    assert "{%" not in html


@pytest.mark.django_db
def test_an_unknown_address_gets_our_404_page(client):
    page = client.get("/khong-co-trang-nay/")
    body = page.content.decode()
    assert page.status_code == 404
    assert 'id="error-404"' in body and 'class="site-header"' in body
    assert 'href="/tra-cuu/"' in body  # the way to find a dossier
    assert '<html lang="vi">' in body


@pytest.mark.django_db
def test_a_failure_gets_our_500_page(settings):
    settings.ROOT_URLCONF = "motcua.core.tests.urls_boom"
    page = Client(raise_request_exception=False).get("/loi-thu/")
    body = page.content.decode()
    assert page.status_code == 500
    assert 'id="error-500"' in body and '<html lang="vi">' in body
    assert "RuntimeError" not in body  # nothing of the failure is shown


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_error_pages_at_both_widths(live_server, browser, settings):
    settings.ROOT_URLCONF = "motcua.core.tests.urls_boom"
    page = browser.new_context(viewport={"width": 1366, "height": 800}, locale="vi-VN").new_page()
    for path, marker, name in (("/khong-co-trang-nay/", "#error-404", "404"), ("/loi-thu/", "#error-500", "500")):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == int(name)
        expect(page.locator(marker)).to_be_visible()
        expect(page.locator(".site-header")).to_be_visible()
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
            != "rgba(0, 0, 0, 0)"
        )
        shot(page, f"error-{name}", mobile=True)
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1366, "height": 800})
