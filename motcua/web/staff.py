"""Who is on a staff page: the user's staff roles and scope (agency ids per action, the moments the queues
compare with), and the ``staff_required`` decorator every staff page (back office, dashboard, reports) wears."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from motcua.core import clock
from motcua.dossiers import timing
from motcua.orgs.models import Agency, StaffRole
from motcua.orgs.policy import Action, principal_for, scope_agency_ids
from motcua.web.views import View, domain_errors

LOGIN_URL = "/staff/dang-nhap/"


@dataclass
class StaffScope:
    """What one user's staff pages and work queues cover (not ``metrics.scope.Scope``, an agency subtree of the
    figures): agency ids per action (``None``: everywhere, a system administrator), the user's roles, the moments."""

    user: Any
    view: set[int] | None
    receive: set[int] | None
    process: set[int] | None
    sign: set[int] | None
    roles: set[str]
    now: dt.datetime
    soon: dt.datetime  # now + 1 working day (the home agency's calendar)

    @property
    def is_staff(self) -> bool:
        return self.view is None or bool(self.view)

    @property
    def may_receive(self) -> bool:
        """Whether the user works at a desk (or everywhere): counter intake and its menu entry are for them only."""
        return self.receive is None or bool(self.receive)


def staff_roles(user: Any) -> list[StaffRole]:
    return list(
        StaffRole.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency", "unit")
        .order_by("agency__name", "role")
    )


_soon: dict[tuple[int, dt.datetime], dt.datetime] = {}


def _one_working_day_after(now: dt.datetime, agency: Agency) -> dt.datetime:
    """``now`` + 480 working minutes in ``agency``'s calendar, to the minute, remembered per minute (the calendar
    reload it may cost is then paid once a minute, not on every request)."""
    minute = now.replace(second=0, microsecond=0)
    key = (agency.pk, minute)
    found = _soon.get(key)
    if found is None:
        if len(_soon) > 1000:
            _soon.clear()
        found = _soon[key] = timing.add_minutes(minute, 480, timing.calendar_for(agency))
    return found


def scope_for(user: Any, roles: list[StaffRole] | None = None) -> StaffScope:
    roles = staff_roles(user) if roles is None else roles
    now = clock.now()
    home = roles[0].agency if roles else Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    soon = _one_working_day_after(now, home) if home else now + dt.timedelta(days=1)
    principal_for(user)
    return StaffScope(
        user=user,
        view=scope_agency_ids(user, Action.VIEW),
        receive=scope_agency_ids(user, Action.RECEIVE),
        process=scope_agency_ids(user, Action.PROCESS),
        sign=scope_agency_ids(user, Action.SIGN),
        roles={r.role for r in roles},
        now=now,
        soon=soon,
    )


def staff_required(view: View) -> View:
    """Logged in, and holding a staff role somewhere (else a 403 page); ``request.scope`` is the user's scope and
    ``request.staff_roles`` their roles."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        roles = staff_roles(request.user)
        scope = scope_for(request.user, roles)
        if not scope.is_staff:
            return render(request, "backoffice/not_staff.html", status=403)
        request.staff_roles = roles  # type: ignore[attr-defined]
        request.scope = scope  # type: ignore[attr-defined]
        return domain_errors(view)(request, *args, **kwargs)

    return wrapper


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/forbidden.html", status=403)
