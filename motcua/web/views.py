"""What every page view shares: its type, domain errors turned into 404/403 pages, a reload after a conflict."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from motcua.core.errors import NotFound, PermissionDenied

View = Callable[..., HttpResponseBase]


def domain_errors(view: View) -> View:
    """A missing object is a 404 page and a refusal a 403 page (validation and conflicts are handled in views)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except PermissionDenied as exc:
            raise HttpForbidden(str(exc.message)) from exc

    return wrapper


def reload_with(request: HttpRequest, url: str) -> HttpResponse:
    """Reload a page after a conflict: a redirect, or for htmx a full reload of the target URL."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
