"""The CSP report endpoint: browsers post violations there (no CSRF token, they cannot send one); it logs them,
takes only report types, reads a small body at most and throttles each address."""

import json
import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/csp-report/"
LEGACY = {
    "csp-report": {
        "document-uri": "https://motcua.example.vn/tra-cuu/?code=HS123&secret=1",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; script-src 'self'",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "https://motcua.example.vn/tra-cuu/?code=HS123",
        "status-code": 200,
    }
}
MODERN = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://motcua.example.vn/staff/",
        "user_agent": "Chromium",
        "body": {
            "documentURL": "https://motcua.example.vn/staff/?q=receive",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
            "sourceFile": "https://motcua.example.vn/static/vendor/htmx.min.js",
            "lineNumber": 1,
        },
    }
]


@pytest.fixture
def browser_client():
    """A client that checks CSRF as a real browser's request would be checked."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def post(client, body, content_type, **extra):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.generic("POST", URL, data, content_type=content_type, **extra)


def test_a_legacy_report_is_logged_without_the_query_strings(browser_client, caplog):
    with caplog.at_level(logging.WARNING, logger="motcua.csp"):
        response = post(browser_client, LEGACY, "application/csp-report")
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "motcua.csp"]
    message = record.getMessage()
    assert "script-src-elem" in message
    assert "https://motcua.example.vn/tra-cuu/" in message
    # the tracking code in the address is the citizen's business, not the log's
    assert "HS123" not in message


def test_reports_of_the_reporting_api_are_logged_one_by_one(browser_client, caplog):
    with caplog.at_level(logging.WARNING, logger="motcua.csp"):
        response = post(browser_client, MODERN * 2, "application/reports+json")
    assert response.status_code == 204
    records = [r for r in caplog.records if r.name == "motcua.csp"]
    assert len(records) == 2
    assert "style-src-attr" in records[0].getMessage()
    assert "?q=" not in records[0].getMessage()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/json"])
def test_other_content_types_are_refused(browser_client, content_type):
    assert post(browser_client, LEGACY, content_type).status_code == 415


def test_only_post_is_accepted(browser_client):
    assert browser_client.get(URL).status_code == 405


def test_a_broken_report_is_a_400_not_a_500(browser_client):
    assert post(browser_client, b"{not json", "application/csp-report").status_code == 400
    assert post(browser_client, b"[1, 2]", "application/csp-report").status_code == 400
    assert post(browser_client, b'"x"', "application/reports+json").status_code == 400


def test_a_large_body_is_refused_before_it_is_read(browser_client, caplog):
    big = {"csp-report": {**LEGACY["csp-report"], "script-sample": "x" * 100_000}}
    with caplog.at_level(logging.WARNING, logger="motcua.csp"):
        response = post(browser_client, big, "application/csp-report")
    assert response.status_code == 413
    assert not [r for r in caplog.records if r.name == "motcua.csp"]


def test_one_address_cannot_flood_the_log(browser_client, settings):
    settings.CSP_REPORT_LIMIT_PER_MINUTE = 3
    codes = [post(browser_client, LEGACY, "application/csp-report").status_code for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    # another address still reports
    assert post(browser_client, LEGACY, "application/csp-report", REMOTE_ADDR="198.51.100.7").status_code == 204
