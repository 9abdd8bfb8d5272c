"""Refuse a request whose body is larger than its view accepts, from its headers, before any of it is read.

Django checks ``DATA_UPLOAD_MAX_MEMORY_SIZE`` only for what it keeps in memory, and streams files to disk whatever
their size; a view reading an upload could then take it all. This middleware (first in ``MIDDLEWARE``) compares
``Content-Length`` with the limit of the view the path resolves to — ``MOTCUA_BODY_LIMITS`` by view name (or
``namespace:*``), ``MOTCUA_REQUEST_MAX_BYTES`` for everything else — and answers 413 without reading the body.
A body without a length (chunked) is refused with 411: browsers and API clients send the length, and the proxy
in front (docs/deployment.md) buffers and measures the body anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def body_limit(path: str) -> int:
    """The largest body the view at ``path`` accepts, in bytes."""
    try:
        match = resolve(path)
    except Resolver404:
        return int(settings.MOTCUA_REQUEST_MAX_BYTES)
    limits: dict[str, int] = settings.MOTCUA_BODY_LIMITS
    for key in (match.view_name, f"{match.namespace}:*" if match.namespace else None):
        if key and key in limits:
            return int(limits[key])
    return int(settings.MOTCUA_REQUEST_MAX_BYTES)


def _refuse(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"code": code, "message": message, "fields": {}}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    # No "Connection: close" here: WSGI forbids hop-by-hop headers; gunicorn's sync workers close the connection
    # after every response, and the proxy in front buffers and checks the body first (docs/deployment.md).
    return render(request, "core/refused.html", {"message": message}, status=status)


def refusal(request: HttpRequest) -> HttpResponse | None:
    """The 411/413 answer for ``request``, or None when its body may be read."""
    length = request.META.get("CONTENT_LENGTH") or ""
    if not length:
        if request.META.get("HTTP_TRANSFER_ENCODING"):
            return _refuse(request, 411, "length_required", _("Send the length of the request (Content-Length)."))
        return None
    try:
        size = int(length)
    except ValueError:
        return _refuse(request, 400, "bad_length", _("The length of the request is not a number."))
    if size <= settings.MOTCUA_REQUEST_MAX_BYTES:
        return None
    limit = body_limit(request.path_info)
    if size <= limit:
        return None
    message = _(
        "The request is %(size).1f MB; this page accepts at most %(limit).1f MB. "
        "Attach smaller files (each at most %(file).1f MB), or fewer at a time."
    ) % {"size": size / 1_048_576, "limit": limit / 1_048_576, "file": settings.MOTCUA_UPLOAD_MAX_BYTES / 1_048_576}
    return _refuse(request, 413, "request_too_large", message)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return refusal(request) or self.get_response(request)
