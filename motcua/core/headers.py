"""Security headers of every page, and the rule that a publicly cacheable answer sets no cookie.

Every HTML answer carries:

- ``Content-Security-Policy``: only the site's own files run (no inline script, no ``eval``, no inline style), no
  plugin, no ``<base>`` elsewhere, forms post only here, no other site may frame the page; violations are reported to
  ``/csp-report/`` (``report-uri`` for every browser, ``report-to`` + ``Reporting-Endpoints`` for the Reporting API).
  ``CSP_REPORT_ONLY`` sends it as ``Content-Security-Policy-Report-Only`` instead, to try a change without breaking.
- ``Permissions-Policy``: the powerful browser features are off (geolocation stays possible on our own pages).

Other answers (JSON, PDF, xlsx, files) are not documents a browser runs script in; they are left alone. With
``DEBUG``, Django's technical 404/500 pages (inline script and style) are left alone too.

A shared cache (a proxy, a CDN) keeps an answer marked ``Cache-Control: public`` and hands it, cookies included, to
every later visitor: a CSRF cookie would then be one secret shared by everybody. Public pages are written not to set
one (see :mod:`motcua.core.public_cache`); should one still do so, it is sent as ``private`` and the mistake logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

REPORT_PATH = "/csp-report/"
REPORT_GROUP = "csp"

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "report-uri": REPORT_PATH,
    "report-to": REPORT_GROUP,
}
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in POLICY.items())
REPORTING_ENDPOINTS = f'{REPORT_GROUP}="{REPORT_PATH}"'

#: Features no page of motcua uses. Geolocation may serve the petitions (a citizen places a problem on the map).
DENIED_FEATURES = (
    "accelerometer", "camera", "display-capture", "gyroscope", "hid", "magnetometer", "microphone",
    "midi", "payment", "serial", "usb",
)  # fmt: skip
PERMISSIONS_POLICY = ", ".join([*(f"{name}=()" for name in DENIED_FEATURES), "geolocation=(self)"])


def _is_html(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() == "text/html"


def _is_debug_page(response: HttpResponse) -> bool:
    return settings.DEBUG and response.status_code in (404, 500)


def _guard_public_cache(request: HttpRequest, response: HttpResponse) -> None:
    if response.cookies and "public" in response.get("Cache-Control", ""):
        logger.warning(
            "%s is marked public but sets cookies (%s): sent as private",
            request.path,
            ", ".join(sorted(response.cookies)),
        )
        patch_cache_control(response, private=True)


class SecurityHeadersMiddleware:
    """Place it near the top of ``MIDDLEWARE`` (it must see the cookies the session and CSRF middleware set)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        _guard_public_cache(request, response)
        if _is_html(response) and not _is_debug_page(response):
            header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
            response.headers.setdefault(header, CONTENT_SECURITY_POLICY)
            response.headers.setdefault("Reporting-Endpoints", REPORTING_ENDPOINTS)
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
