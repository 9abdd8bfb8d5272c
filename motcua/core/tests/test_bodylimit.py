"""A request larger than its view accepts is refused from its headers, before any byte of its body is read."""

import json

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from motcua.dossiers.models import Channel
from motcua.dossiers.services import intake

MB = 1024 * 1024


class Untouchable:
    """A wsgi.input that fails the test if the application reads from it."""

    read_from = False

    def read(self, *args):
        self.read_from = True
        raise AssertionError("the body was read")

    readline = read


def _post(client, path, length, **extra):
    body = Untouchable()
    response = client.generic(
        "POST", path, b"", content_type="multipart/form-data; boundary=x",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(length), **extra},
    )  # fmt: skip
    return response, body


@pytest.fixture
def draft(world):
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    return dossier, world.version.components.first()


def test_a_200_mb_upload_by_a_signed_in_applicant_is_refused_before_its_body_is_read(world, draft):
    dossier, component = draft
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.citizen_user)
    page = client.get(f"/ho-so/{dossier.pk}/thanh-phan/")
    token = client.cookies["csrftoken"].value
    assert page.status_code == 200
    response, body = _post(client, f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/", 200 * MB, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 413
    assert not body.read_from
    assert "MB" in response.content.decode()


def test_an_anonymous_50_mb_post_to_the_tracking_page_is_refused_unread(db):
    response, body = _post(Client(), "/tra-cuu/", 50 * MB)
    assert response.status_code == 413 and not body.read_from


def test_the_api_refuses_an_oversized_json_body_with_its_error_shape(db):
    body = Untouchable()
    response = Client().generic(
        "POST", "/api/v1/dossiers", b"", content_type="application/json",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(5 * MB)},
    )  # fmt: skip
    assert response.status_code == 413 and not body.read_from
    answer = json.loads(response.content)
    assert answer["code"] == "request_too_large" and answer["fields"] == {}


def test_a_body_without_a_length_is_refused_with_411(db):
    body = Untouchable()
    response = Client().generic(
        "POST", "/tra-cuu/", b"", content_type="application/x-www-form-urlencoded",
        **{"wsgi.input": body, "HTTP_TRANSFER_ENCODING": "chunked"},
    )  # fmt: skip
    assert response.status_code == 411 and not body.read_from


def test_an_upload_of_the_largest_accepted_size_gets_through_to_the_view(world, draft, settings):
    dossier, component = draft
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    client = Client()
    client.force_login(world.citizen_user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.7\n" + b"\0" * (limit - 9), content_type="application/pdf")
    response = client.post(
        f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/", {"version": dossier.version, "file": upload}
    )
    assert response.status_code != 413  # the view answered (here: not a readable PDF, 422)


def test_the_same_size_is_too_large_for_a_page_that_takes_no_files(world, draft, settings):
    response, body = _post(Client(), "/dang-ky/", settings.MOTCUA_UPLOAD_MAX_BYTES)
    assert response.status_code == 413 and not body.read_from


def _view_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _view_names(pattern, space)
            names.add(f"{space}*")
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_view_given_a_larger_body_limit_exists():
    """A renamed URL would silently fall back to the small default limit."""
    known = _view_names(get_resolver())
    assert set(django_settings.MOTCUA_BODY_LIMITS) <= known


def test_the_refusal_is_a_valid_wsgi_response(db, keep_connection):
    """No hop-by-hop header (``Connection``): a WSGI server (wsgiref, the development server's base) refuses it."""
    import io
    from wsgiref.handlers import SimpleHandler

    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    environ = RequestFactory()._base_environ(
        PATH_INFO="/tra-cuu/", REQUEST_METHOD="POST", CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * MB),
    )  # fmt: skip
    out, errors = io.BytesIO(), io.StringIO()
    SimpleHandler(Untouchable(), out, errors, environ).run(WSGIHandler())
    assert out.getvalue().startswith(b"HTTP/1.0 413"), errors.getvalue()
