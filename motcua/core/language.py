"""The language of a page: Vietnamese unless the visitor chose another one with the language switch.

Django's ``LocaleMiddleware`` follows the browser's ``Accept-Language`` when no language was chosen, so a browser
set to English opened a Vietnamese public portal in English. Here only the visitor's own choice counts: the
language cookie the switch (``set_language``) sets, or a language kept in the session; otherwise ``LANGUAGE_CODE``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_KEY = "_language"


def chosen_language(request: HttpRequest) -> str:
    """The language the visitor chose (cookie, then session), or the site's default."""
    session = getattr(request, "session", None)
    for code in (
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
        session.get(SESSION_KEY) if session is not None else None,
    ):
        if code:
            try:
                return translation.get_supported_language_variant(code)
            except LookupError:
                continue
    return str(settings.LANGUAGE_CODE)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without ``Accept-Language`` (the project uses no language prefix in its URLs)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
