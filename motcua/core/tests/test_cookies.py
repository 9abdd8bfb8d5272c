"""Cookies: a page a shared cache may keep sets none; the language switch needs no CSRF token (so public pages need
none) but refuses other sites; the language cookie is HttpOnly and SameSite=Lax."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def get_urls(resolver=None, prefix=""):
    """Every page of the site as (path template, pattern), admin and API left out (never cached publicly)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(("admin/", "api/")):
            continue
        if isinstance(entry, URLResolver):
            yield from get_urls(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def concrete(route: str, world) -> str | None:
    """The route with real values of the world for its parameters; None when it takes ids this test has not."""
    samples = {
        "chi-so/<str:code>/": f"chi-so/{world.city.justice.code}/",
        "thu-tuc/<str:code>/": f"thu-tuc/{world.version.procedure.code}/",
    }
    if "<" not in route:
        return route
    return samples.get(route)


def test_no_publicly_cacheable_page_sets_a_cookie(world):
    # given a first-time visitor: no cookie at all
    public = []
    for route in get_urls():
        path = concrete(route, world)
        if path is None:
            continue
        response = Client(enforce_csrf_checks=True).get(f"/{path}")
        if "public" in response.headers.get("Cache-Control", ""):
            public.append(path)
            # a shared cache would hand this cookie (a CSRF secret) to every later visitor
            assert not response.cookies, (path, list(response.cookies))
            assert "Cookie" in response.headers.get("Vary", ""), path
    assert "chi-so/" in public
    assert f"chi-so/{world.city.justice.code}/" in public


def test_a_signed_in_visitor_gets_the_public_index_as_a_private_page(world, client):
    # the page shows who is signed in and carries the logout form: no shared cache may keep it
    client.force_login(world.leader)
    response = client.get("/chi-so/")
    assert response.status_code == 200
    assert "public" not in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_the_language_switch_works_without_a_csrf_token_from_the_site_itself():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/i18n/setlang/", {"language": "en", "next": "/chi-so/"}, **SAME_ORIGIN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/chi-so/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://other.testserver"},
    ],
)
def test_another_site_cannot_switch_the_language(headers):
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en", "next": "/"}, **headers)
    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_the_layout_of_a_public_page_has_no_csrf_token_for_an_anonymous_visitor(world):
    html = Client().get("/chi-so/").text
    assert "csrfmiddlewaretoken" not in html
    assert "X-CSRFToken" not in html
