"""Pages a shared cache may keep: public for anonymous visitors only, and always varying with the cookies.

A page marked ``Cache-Control: public`` is kept by proxies and CDNs and handed to every later visitor, so it must be
the same for all of them and set no cookie (see :mod:`motcua.core.headers`). The base layout asks for a CSRF token
only for a signed-in user (the logout form, htmx requests), so an anonymous visitor's page has none. A signed-in
user's page shows their name and carries that token: it is sent ``private``. The language chosen by cookie changes
the page, hence ``Vary: Cookie``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

View = Callable[..., HttpResponse]


def public_cache(*, max_age: int) -> Callable[[View], View]:
    """Mark a view's answers ``public, max-age=max_age`` for anonymous visitors, ``private`` for signed-in users."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, max_age=0)
            else:
                patch_cache_control(response, public=True, max_age=max_age)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator
