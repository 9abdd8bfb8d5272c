"""Did this request come from a page of this site? Fetch Metadata first, then the Origin header.

For the few endpoints that take a POST without a CSRF token (the language switch, which public pages offer without
a token so that a shared cache can keep them): a browser tells where a request comes from with ``Sec-Fetch-Site``
(every current browser) and ``Origin`` (every browser on a cross-origin POST); a page of another site can forge
neither. A request with neither header did not come from a current browser, so it cannot be a cross-site forgery
made through a victim's browser; it is let through, unless a ``Referer`` of another origin says otherwise.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

SAME = ("same-origin", "none")  # "none": typed or bookmarked by the user, not started by any page


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _own_origins(request: HttpRequest) -> set[str]:
    return {f"{request.scheme}://{request.get_host()}".lower(), *(o.lower() for o in settings.CSRF_TRUSTED_ORIGINS)}


def same_origin(request: HttpRequest) -> bool:
    """Whether ``request`` was sent by a page of this site (see the module's docstring)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in SAME
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in _own_origins(request)
    referer = request.headers.get("Referer")
    if referer:
        return _origin_of(referer) in _own_origins(request)
    return True
