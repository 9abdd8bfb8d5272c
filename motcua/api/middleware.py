"""Refuse the NUL character in API input before it reaches a view.

PostgreSQL cannot store or even compare a text containing NUL (``\\x00``): a query parameter or JSON string with
one would end as a 500 deep in a query. Django's form fields refuse it already; the API's parameters are plain
strings, so the API refuses it here, once, with the usual error shape and a 422.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
_JSON_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


def _nul_fields(request: HttpRequest) -> list[str]:
    fields = [
        key or "__all__" for key, values in request.GET.lists() if "\x00" in key or any("\x00" in v for v in values)
    ]
    if "\x00" in request.path:
        fields.append("path")
    if request.content_type == "application/json" and _JSON_NUL.search(request.body):
        fields.append("body")
    return fields


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            fields = _nul_fields(request)
            if fields:
                message = _("Text may not contain the NUL character.")
                return JsonResponse(
                    {"code": "nul_character", "message": message, "fields": {f: [message] for f in fields}},
                    status=422,
                    json_dumps_params={"ensure_ascii": False},
                )
        return self.get_response(request)
