"""The dossier page: timeline, components and results, deadlines in colour, the actions allowed now, the forms to
print. Every action posts the version the user saw; a conflict reloads the page with a clear message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.backoffice import forms, selectors
from motcua.core.errors import Conflict, DomainError, NotFound
from motcua.core.errors import PermissionDenied as DomainForbidden
from motcua.dossiers import available, file_access, timing, tracking
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.actions import REGISTRY, run_action
from motcua.dossiers.fees import fee_status
from motcua.dossiers.models import Apology, Dossier, Step
from motcua.dossiers.services import results
from motcua.orgs.models import Role
from motcua.orgs.policy import Action, can
from motcua.web.files import file_response
from motcua.web.forms import form_errors
from motcua.web.official_forms import dossier_forms
from motcua.web.staff import forbidden, staff_required


def _dossier(request: HttpRequest, pk: int) -> Dossier | None:
    dossier = selectors.dossier_for_page(pk)
    if dossier is None:
        raise Http404("No such dossier.")
    return dossier if can(request.user, Action.VIEW, dossier) else None  # 403 for staff out of scope


def _user_choices(agency_ids: set[int], roles: set[str] | None = None) -> list[tuple[str, str]]:
    """Each person with their own title (a deputy director is not "Chuyên viên") and where they sit."""
    return [
        (user.username, f"{user.get_full_name() or user.username} — {row.title}, {_where(row)}")
        for user, row in selectors.staff_at(agency_ids, roles)
    ]


def _where(row: Any) -> str:
    agency = row.agency.short_name or row.agency.name
    return f"{row.unit.name} ({agency})" if row.unit else agency


def _step_choices(steps: list[Step]) -> list[tuple[str, str]]:
    return [
        (str(s.pk), f"{s.position}. {s.description or s.kind} — {s.agency.short_name or s.agency.name}") for s in steps
    ]


def _choices(verb: str, dossier: Dossier, option: available.Available) -> dict[str, Any]:
    handlers: set[str] = {Role.SPECIALIST, Role.LEADER}
    if verb == "transfer":
        return {"to_user": [("", "—"), *_user_choices({dossier.handling_agency_id}, handlers)]}
    if verb == "assign":
        agencies = {s.agency_id for s in option.steps}
        return {"step_id": _step_choices(option.steps), "assignee": _user_choices(agencies, handlers)}
    if verb == "note":
        return {"step_id": _step_choices(option.steps)}
    if verb == "handover":
        agencies = {s.agency_id for s in option.steps} | {dossier.handling_agency_id}
        return {"step_id": _step_choices(option.steps), "to_user": [("", "—"), *_user_choices(agencies, handlers)]}
    if verb == "consult":
        return {
            "agency": [(a.code, a.name) for a in selectors.consultable_agencies() if a.pk != dossier.handling_agency_id]
        }
    return {}


def _build_forms(
    dossier: Dossier,
    options: list[available.Available],
    bound: tuple[str, forms.ActionForm] | None,
    open_verb: str = "",
) -> list[dict[str, Any]]:
    """The actions as buttons; only the open one carries its form (the others load theirs when opened, with htmx,
    or through ``?action=<verb>`` without JavaScript) — forms with pickers are the costly part of the page."""
    built = []
    for option in options:
        form_class, label = forms.action_form(option.verb), REGISTRY[option.verb].label
        form: forms.ActionForm | None = None
        if bound is not None and bound[0] == option.verb:
            form = bound[1]
        elif option.verb == open_verb:
            form = form_class(
                initial={"version": dossier.version}, dossier=dossier, choices=_choices(option.verb, dossier, option)
            )
        built.append({"verb": option.verb, "label": label, "form": form, "open": form is not None})
    return built


def _page(
    request: HttpRequest, dossier: Dossier, bound: tuple[str, forms.ActionForm] | None = None, status: int = 200
) -> HttpResponse:
    events = dossier_selectors.timeline(dossier)
    steps = list(
        dossier.steps.select_related("agency", "unit", "assignee", "received_by", "handed_over_by").order_by(
            "position", "pk"
        )
    )
    components, result_files = dossier_selectors.dossier_files(dossier)
    scope: selectors.StaffScope = request.scope  # type: ignore[attr-defined]
    has_apology = any(e.action == "apologise" for e in events)
    options = available.available_actions(
        request.user, dossier, steps, has_apology=has_apology, has_result=bool(result_files)
    )
    step_rows = [{"step": s, "timeliness": _step_timeliness(s, scope)} for s in steps]
    context = {
        "dossier": dossier,
        "events": events,
        "steps": step_rows,
        "components": components,
        "results": result_files,
        "actions": _build_forms(dossier, options, bound, request.GET.get("action", "")),
        "forms_to_print": dossier_forms(dossier, events),
        "due_timeliness": selectors.dossier_timeliness(dossier, scope),
        "fees": fee_status(dossier),
        "payments": list(dossier.payments.all()),
        "supplement": dossier_selectors.supplement_request(events),
        "just_received": request.GET.get("received") == "1",
        "tracking_locked": _tracking_locked(request, dossier),
        "tracking_tries": tracking.FACTOR_TRIES,
    }
    return render(request, "backoffice/dossier.html", context, status=status)


def _tracking_locked(request: HttpRequest, dossier: Dossier) -> bool:
    """Whether to offer the desk the reopening of check-digit tracking (locked after too many wrong checks)."""
    return bool(dossier.code) and tracking.tracking_locked(dossier) and can(request.user, Action.RECEIVE, dossier)


def _step_timeliness(step: Step, scope: selectors.StaffScope) -> str:
    if step.status == "done":
        return str(timing.classify(step.finished_at, step.due_at))
    if step.status == "active":
        return selectors.timeliness(step.due_at, scope)
    return ""


@staff_required
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    if dossier is None:
        return forbidden(request)
    return _page(request, dossier)


@staff_required
@require_POST
def dossier_tracking_unlock(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The desk reopens tracking by check digits, locked after too many wrong checks."""
    dossier = _dossier(request, pk)
    if dossier is None:
        return forbidden(request)
    try:
        tracking.tracking_unlock(dossier=dossier, actor=request.user)
    except DomainForbidden:
        return forbidden(request)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Tracking by check digits is open again."))
    return redirect("backoffice:dossier", pk=pk)


def _option(request: HttpRequest, dossier: Dossier, verb: str) -> available.Available | None:
    events_apology = dossier.events.filter(action="apologise").exists()
    steps = list(dossier.steps.select_related("agency").order_by("position", "pk"))
    has_result = dossier.files.filter(kind="result").exists()
    for option in available.available_actions(
        request.user, dossier, steps, has_apology=events_apology, has_result=has_result
    ):
        if option.verb == verb:
            return option
    return None


@staff_required
def dossier_action(request: HttpRequest, pk: int, verb: str) -> HttpResponseBase:
    """POST one action. Validation errors: the page again with the errors next to the fields (422). A conflict
    (someone acted first, or the state moved on): the page reloaded with the reason."""
    if verb not in REGISTRY or not REGISTRY[verb].staff:
        raise Http404("Unknown action.")
    dossier = _dossier(request, pk)
    if dossier is None:
        return forbidden(request)
    url = reverse("backoffice:dossier", kwargs={"pk": pk})
    if request.method != "POST":
        return redirect(url)
    option = _option(request, dossier, verb)
    form_class, label = forms.action_form(verb), REGISTRY[verb].label
    choices = _choices(verb, dossier, option) if option else {}
    form = form_class(request.POST, request.FILES, dossier=dossier, choices=choices)
    if option is None:
        if verb == "apologise" and Apology.objects.filter(dossier_id=pk).exists():
            messages.error(request, _(results.APOLOGY_ONCE))
            return redirect(url)
        messages.error(
            request,
            _("“%(action)s” is not possible now: the dossier has changed. The page shows its current state.")
            % {"action": label},
        )
        return redirect(url)
    if form.is_valid():
        try:
            _run(request, verb, pk, form)
        except Conflict as exc:
            if exc.code in STALE_CODES:
                messages.error(
                    request,
                    _("Someone else acted on this dossier first; the page now shows its current state. %(reason)s")
                    % {"reason": exc.message},
                )
            else:  # a rule of the action (once only, a consultation still open …): say the rule, not a race
                messages.error(request, str(exc.message))
            return redirect(url)
        except DomainForbidden:
            return forbidden(request)
        except DomainError as exc:
            form_errors(form, exc, aliases=form.aliases)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": label})
            return redirect(url + ("?received=1" if verb == "receive" else ""))
    elif "version" in form.errors:
        return redirect(url)
    fresh = selectors.dossier_for_page(pk)
    assert fresh is not None  # noqa: S101
    return _page(request, fresh, bound=(verb, form), status=422)


#: Conflicts that mean the page was stale (someone acted first); other conflicts are rules and are said as such.
STALE_CODES = frozenset({"version_mismatch", "transition_not_allowed"})


def _run(request: HttpRequest, verb: str, pk: int, form: forms.ActionForm) -> None:
    if verb == "attach_result":
        upload = form.cleaned_data["file"]
        results.dossier_attach_result(
            actor=request.user, dossier_id=pk, title=form.cleaned_data["title"], file_name=upload.name,
            content=upload, expected_version=form.cleaned_data["version"],
        )  # fmt: skip
        return
    data = form.data_for_action()
    for key in ("step_id",):
        if data.get(key):
            data[key] = int(data[key])
    run_action(verb, actor=request.user, dossier_id=pk, data=data)


@staff_required
def dossier_action_form(request: HttpRequest, pk: int, verb: str) -> HttpResponseBase:
    """htmx: one action's form, for the version the page showed (``?version=``)."""
    dossier = _dossier(request, pk)
    if dossier is None:
        return forbidden(request)
    option = _option(request, dossier, verb)
    if option is None or verb not in REGISTRY or not REGISTRY[verb].staff:
        return render(request, "backoffice/_action_gone.html", {"dossier": dossier})
    form_class, label = forms.action_form(verb), REGISTRY[verb].label
    seen = request.GET.get("version", "")
    form = form_class(
        initial={"version": int(seen) if seen.isdigit() else dossier.version},
        dossier=dossier,
        choices=_choices(verb, dossier, option),
    )
    context = {"dossier": dossier, "a": {"verb": verb, "label": label, "form": form, "open": True}}
    return render(request, "backoffice/_action_form.html", context)


@staff_required
def dossier_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    dossier = _dossier(request, pk)
    if dossier is None:
        return forbidden(request)
    try:
        stored = file_access.dossier_file(request.user, dossier, file_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    return file_response(stored, download=request.GET.get("download") == "1")
