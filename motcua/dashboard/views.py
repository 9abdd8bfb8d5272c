"""The leaders' dashboard at /staff/dashboard/: the index of a scope and period, every count linked to the dossiers
behind it, the rating figures, targets with their gaps, the ranking of child agencies and the monthly trend."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.dashboard import drilldown, labels, selectors, services
from motcua.dashboard.access import Access, access_for
from motcua.dashboard.forms import TargetForm
from motcua.dashboard.models import TargetKey
from motcua.dashboard.periods import Period, parse_period, presets
from motcua.metrics.scope import Part, Scope
from motcua.orgs.models import Agency, AgencyKind
from motcua.web.staff import forbidden, staff_required

PARTS = [(Part.ALL, "all"), (Part.PROVINCIAL_BODIES, "provincial_bodies"), (Part.COMMUNES, "communes")]


def _agency(request: HttpRequest, access: Access) -> Agency | None:
    code = (request.GET.get("agency") or request.POST.get("agency") or "").strip()
    if not code:
        return access.default_root()
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("Unknown agency.")
    return agency


def _default_part(agency: Agency) -> str:
    """A province's ranking opens on its provincial bodies (as the national portal ranks them apart from the
    communes, and a province has a hundred communes or more); any other agency's on all its children."""
    return Part.PROVINCIAL_BODIES if agency.kind == AgencyKind.PROVINCE else Part.ALL


def _part(value: str | None) -> Part:
    try:
        return Part(value or Part.ALL)
    except ValueError:
        return Part.ALL


def drill_url(agency: Agency, period: Period, measure: str, part: Part = Part.ALL) -> str:
    params = {"agency": agency.code, "from": period.start.isoformat(), "to": period.end.isoformat(), "measure": measure}
    if part != Part.ALL:
        params["part"] = part.value
    return reverse("backoffice:dashboard:drill") + "?" + urlencode(params)


def _links(agency: Agency, period: Period, part: Part = Part.ALL) -> dict[str, str]:
    return {m.key: drill_url(agency, period, m.key, part) for m in drilldown.MEASURES}


def dashboard_url(agency: Agency, period: Period) -> str:
    return reverse("backoffice:dashboard:home") + "?" + urlencode({"agency": agency.code}) + "&" + _period_qs(period)


def _period_qs(period: Period) -> str:
    if period.key:
        return urlencode({"period": period.key})
    return urlencode({"from": period.start.isoformat(), "to": period.end.isoformat()})


def _indicator_rows(report: dict[str, Any], links: dict[str, str]) -> list[dict[str, Any]]:
    """The indicators of each group with the links of their numerators and denominators (where they are dossiers)."""
    rows = []
    for group in report["groups"]:
        for indicator in group["indicators"]:
            for item, level in [(indicator, 0), *((c, 1) for c in indicator.get("components") or [])]:
                num_m, den_m = labels.MEASURES.get(item["key"], ("", ""))
                rows.append({
                    "group": group["key"], "item": item, "level": level,
                    "num_link": links.get(num_m), "den_link": links.get(den_m),
                })  # fmt: skip
    return rows


def _line(agency: Agency) -> list[Agency]:
    ids = [int(p) for p in agency.path.strip("/").split("/") if p]
    found = Agency.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _related() -> list[tuple[str, str]]:
    """Links to the evaluation (TT 01/2018) and report pages of the back office, where those apps are installed."""
    out = []
    for name, label in (("backoffice:scoring:page", _("Evaluation of units and officials (TT 01/2018)")),
                        ("backoffice:reports:request", _("Reports"))):  # fmt: skip
        try:
            out.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return out


def _guard(request: HttpRequest) -> tuple[Access, Agency] | HttpResponse:
    access = access_for(request.user)
    if not access.allowed:
        return forbidden(request)
    agency = _agency(request, access)
    if agency is None or not access.may_view(agency):
        return forbidden(request)
    return access, agency


def _targets_context(access: Access, data: selectors.Overview, form: TargetForm | None = None) -> dict[str, Any]:
    return {
        "data": data, "can_edit": access.may_edit_targets(data.agency), "target_labels": dict(TargetKey.choices),
        "links": _links(data.agency, data.period, data.part), "form": form, "today": clock.today(),
    }  # fmt: skip


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    guarded = _guard(request)
    if isinstance(guarded, HttpResponse):
        return guarded
    access, agency = guarded
    period, period_error = parse_period(request.GET.dict())
    part = _part(request.GET.get("part") or _default_part(agency))
    data = selectors.overview(agency=agency, period=period)
    links = _links(agency, period)
    ranking = selectors.ranking(agency=agency, period=period, part=part)
    for row in ranking:
        child = Agency(pk=row["id"], code=row["code"])
        row["url"] = (
            reverse("backoffice:dashboard:home") + "?" + urlencode({"agency": row["code"]}) + "&" + _period_qs(period)
        )
        row["links"] = {m: drill_url(child, period, m) for m in ("received", "overdue", "late", "rated")}
    trend = selectors.trend(agency=agency, period=period)
    for month in trend:
        month_period = Period(month["start"], month["end"], "")
        month["links"] = {m: drill_url(agency, month_period, m) for m in ("received", "finished", "overdue")}
    edit = request.GET.get("edit", "")
    form = None
    if edit in TargetKey.values and access.may_edit_targets(agency):
        form = TargetForm(initial={"key": edit, "valid_from": clock.today()})
    line = _line(agency)
    context = {
        "nav": "dashboard",
        **_targets_context(access, data, form),
        "links": links,
        "period_error": period_error,
        "presets": presets(),
        "period_qs": _period_qs(period),
        "part": part,
        "parts": PARTS,
        "ranking": ranking,
        "trend": trend,
        "chart": {
            "labels": [f"{m['start']:%m/%Y}" for m in trend],
            "total": [m["total"] for m in trend],
            "on_time": [m["on_time_rate"] for m in trend],
            "received": [m["counts"]["received"] for m in trend],
            "finished_on_time": [m["counts"]["finished_on_time"] for m in trend],
            "finished_late": [m["counts"]["finished_late"] for m in trend],
            "overdue": [m["counts"]["overdue"] for m in trend],
        },
        "chart_labels": {
            "total": _("Index total"),
            "on_time": _("On time (%)"),
            "points": _("points"),
            "received": _("Received"),
            "finished_on_time": _("Finished on time"),
            "finished_late": _("Finished late"),
            "overdue": _("Overdue at the month's end"),
        },
        "indicators": _indicator_rows(data.report, links),
        "line": line,
        "related": _related(),
        "viewable": {a.pk for a in line if access.may_view(a)},
        "roots": access.roots,
        "sync_shown": any(
            i["key"] == "dossiers_synced" and i["status"] == "ok"
            for g in data.report["groups"]
            for i in g["indicators"]
        ),  # fmt: skip
    }
    return render(request, "dashboard/dashboard.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    """The targets card; GET ``?edit=<key>`` opens one target's form, POST sets it (htmx swaps the card)."""
    guarded = _guard(request)
    if isinstance(guarded, HttpResponse):
        return guarded
    access, agency = guarded
    params = request.POST if request.method == "POST" else request.GET
    period, _error = parse_period(params.dict())
    if request.method == "GET" and not request.GET.get("edit"):
        data = selectors.overview(agency=agency, period=period)
        return render(request, "dashboard/_targets.html", _targets_context(access, data))
    if not access.may_edit_targets(agency):
        return forbidden(request)
    form: TargetForm | None
    if request.method == "POST":
        posted = TargetForm(request.POST)
        form = posted
        if posted.is_valid():
            try:
                services.target_set(
                    actor=request.user, agency=agency, key=posted.cleaned_data["key"],
                    threshold=posted.cleaned_data["threshold"], valid_from=posted.cleaned_data["valid_from"],
                    note=posted.cleaned_data["note"],
                )  # fmt: skip
                form = None
            except ValidationFailed as exc:
                for name, message in exc.fields.items():
                    posted.add_error(name if name in posted.fields else None, str(message))
    else:
        key = request.GET["edit"]
        if key not in TargetKey.values:
            raise Http404("Unknown target.")
        form = TargetForm(initial={"key": key, "valid_from": clock.today()})
    data = selectors.overview(agency=agency, period=period)
    status = 422 if form is not None and form.is_bound else 200
    response = render(request, "dashboard/_targets.html", _targets_context(access, data, form), status=status)
    if not getattr(request, "htmx", False) and status == 200 and request.method == "POST":
        return redirect(
            reverse("backoffice:dashboard:home") + "?" + urlencode({"agency": agency.code}) + "&" + _period_qs(period)
        )
    return response


@staff_required
def drill(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one number: ``?agency=&from=&to=&measure=`` (and ``part``), keyset pages (``after``)."""
    guarded = _guard(request)
    if isinstance(guarded, HttpResponse):
        return guarded
    _access, agency = guarded
    measure = drilldown.BY_KEY.get(request.GET.get("measure", ""))
    if measure is None:
        raise Http404("Unknown measure.")
    period, period_error = parse_period(request.GET.dict())
    part = _part(request.GET.get("part"))
    scope = Scope(agency, part)
    page = drilldown.page(
        scope=scope, measure=measure.key, start=period.start, end=period.end, after=request.GET.get("after", "")
    )
    total = drilldown.count(scope=scope, measure=measure.key, start=period.start, end=period.end)
    params = request.GET.copy()
    params.pop("after", None)
    context = {
        "nav": "dashboard", "agency": agency, "measure": measure, "period": period, "period_error": period_error,
        "page": page, "total": total, "first_qs": params.urlencode(),
        "next_qs": (params.urlencode() + "&" + urlencode({"after": page.next_cursor})) if page.next_cursor else "",
        "back": dashboard_url(agency, period),
        "now": clock.now(),
    }  # fmt: skip
    return render(request, "dashboard/drill.html", context)
