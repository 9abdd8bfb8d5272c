from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from motcua.backoffice import selectors
from motcua.portal.views.common import View, domain_errors

LOGIN_URL = "/staff/dang-nhap/"


def staff_required(view: View) -> View:
    """Logged in, and holding a staff role somewhere (else a 403 page); ``request.scope`` is the user's scope."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        roles = selectors.staff_roles(request.user)
        scope = selectors.scope_for(request.user, roles)
        if not scope.is_staff:
            return render(request, "backoffice/not_staff.html", status=403)
        request.staff_roles = roles  # type: ignore[attr-defined]
        request.scope = scope  # type: ignore[attr-defined]
        return domain_errors(view)(request, *args, **kwargs)

    return wrapper


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/forbidden.html", status=403)
