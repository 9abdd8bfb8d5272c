"""A Vietnamese public portal opens in Vietnamese whatever the browser's language, unless the visitor chose one."""

from django.test import Client


def test_a_browser_set_to_english_gets_the_portal_in_vietnamese(db):
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "vi"
    assert '<html lang="vi">' in page.content.decode()


def test_the_language_switch_is_followed(db):
    visitor = Client()
    visitor.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_SEC_FETCH_SITE="same-origin")
    page = visitor.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()
    visitor.post("/i18n/setlang/", {"language": "vi", "next": "/"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "vi"
