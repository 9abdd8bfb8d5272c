"""The work queues with capped counts, filters and keyset pages; the reminders of the day."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.views import LoginView
from motcua.backoffice import selectors
from motcua.backoffice.forms import QueueFilterForm
from motcua.web.staff import staff_required


class StaffLoginView(LoginView):
    template_name = "backoffice/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return "/staff/"


def _filter(form: QueueFilterForm) -> selectors.QueueFilter:
    if not form.is_valid():
        return selectors.QueueFilter()
    data = form.cleaned_data
    return selectors.QueueFilter(
        procedure=(data.get("procedure") or "").strip(),
        field=data.get("field") or "",
        channel=data.get("channel"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


def _query_string(request: HttpRequest, **changes: Any) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value:
            params[key] = value
    return params.urlencode()


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    scope: selectors.StaffScope = request.scope  # type: ignore[attr-defined]
    tabs = selectors.queues_for(scope)
    key = request.GET.get("q", "")
    queue = selectors.QUEUE_BY_KEY.get(key) if key in {t.key for t in tabs} else (tabs[0] if tabs else None)
    form = QueueFilterForm(request.GET or None, fields=selectors.field_choices())
    flt = _filter(form)
    counts = list(
        zip(tabs, selectors.capped_counts([selectors.queue_queryset(t, scope, flt) for t in tabs]), strict=True)
    )
    page = selectors.queue_page(queue, scope, flt, request.GET.get("after", "")) if queue else None
    context = {
        "nav": "home",
        "roles": request.staff_roles,  # type: ignore[attr-defined]
        "tabs": counts,
        "queue": queue,
        "page": page,
        "form": form,
        "cap": selectors.COUNT_CAP,
        # On the landing page (right after logging in), not on every tab or page.
        "reminders": selectors.reminders(scope) if not request.GET else None,
        "next_qs": _query_string(request, after=page.next_cursor) if page and page.next_cursor else "",
        "first_qs": _query_string(request, after=""),
        "tab_qs": {t.key: _query_string(request, q=t.key, after="") for t in tabs},
        # the phone's queue select keeps the filters, like the tabs
        "keep": [(k, v) for k, v in request.GET.items() if k not in {"q", "after"}],
    }
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "queue":
        return render(request, "backoffice/_queue.html", context)
    return render(request, "backoffice/home.html", context)
