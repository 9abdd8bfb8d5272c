"""Rating pages: the applicant's (logged in, or by the receipt's QR link), the counter kiosk (a paired tablet, no
login) and the desk's (present a dossier on a tablet; enter a paper form). Each view parses, calls one service,
renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import clock, net
from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import token_valid
from motcua.orgs.policy import Action, can, principal_for
from motcua.ratings import selectors, services
from motcua.ratings.forms import PairingForm, PaperRatingForm, PresentForm, RatingForm
from motcua.ratings.models import Channel, Kiosk

KIOSK_COOKIE = "motcua_kiosk"
KIOSK_COOKIE_DAYS = 5 * 365
PAIRING_ATTEMPTS_PER_MINUTE = 10
#: Requests a minute from one address to the applicant's rating page.
RATE_PAGE_LIMIT = 30


def _dossier(code: str) -> Dossier:
    dossier = Dossier.objects.select_related("procedure_version").filter(code=code).first()
    if dossier is None:
        raise Http404
    return dossier


def rate(request: HttpRequest, code: str) -> HttpResponse:
    """The applicant's rating: with the QR token of the receipt (``?t=``), or logged in as the applicant.

    Who has neither is sent to log in, whether the code exists or not; a wrong token, an unknown code and someone
    else's dossier are the same 404. Throttled per client address."""
    if not net.hit_ip(request, "rating-page", limit=RATE_PAGE_LIMIT):
        return render(request, "ratings/too_many.html", status=429)
    token = request.POST.get("t") or request.GET.get("t") or ""
    if token:
        if not token_valid(code, token):
            raise Http404
        dossier, channel = _dossier(code), Channel.QR
    elif not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.get_full_path()}")
    else:
        dossier, channel = _dossier(code), Channel.PORTAL
        if not can(request.user, Action.APPLY, dossier):
            raise Http404
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(
                dossier_id=dossier.pk, channel=channel, actor=request.user, token=token, **form.answers()
            )
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return render(request, "ratings/thanks.html", {"dossier": dossier, "token": token})
    current = selectors.current_rating(dossier.pk)
    context = {
        "dossier": dossier, "form": form, "token": token, "current": current,
        "closed": selectors.change_window_closed(current, clock.now()),
        "closes_at": selectors.change_closes_at(current) if current else None,
    }  # fmt: skip
    return render(request, "ratings/rate.html", context, status=422 if form.errors else 200)


def _kiosk(request: HttpRequest) -> Kiosk | None:
    return selectors.kiosk_by_secret(request.COOKIES.get(KIOSK_COOKIE))


def kiosk(request: HttpRequest) -> HttpResponse:
    """The tablet at the counter: pairing, waiting for a dossier, the rating, thanks — all in large buttons."""
    device = _kiosk(request)
    if device is None:
        return render(request, "ratings/kiosk.html", {"step": "pair", "form": PairingForm()})
    dossier = selectors.kiosk_presented(device)
    if dossier is None:
        return render(request, "ratings/kiosk.html", {"step": "wait", "kiosk": device})
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(dossier_id=dossier.pk, channel=Channel.KIOSK, kiosk=device, **form.answers())
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return render(request, "ratings/kiosk.html", {"step": "thanks", "kiosk": device})
    return render(request, "ratings/kiosk.html", {"step": "rate", "kiosk": device, "dossier": dossier, "form": form})


@require_POST
def kiosk_pair(request: HttpRequest) -> HttpResponse:
    form = PairingForm(request.POST)
    if not net.hit_ip(request, "kiosk-pair", limit=PAIRING_ATTEMPTS_PER_MINUTE):
        form.add_error(None, _("Too many attempts; wait a minute."))
    elif form.is_valid():
        try:
            _device, secret = services.kiosk_pair(code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error("code", str(exc.message))
        else:
            response = redirect("ratings:kiosk")
            response.set_cookie(
                KIOSK_COOKIE, secret, max_age=KIOSK_COOKIE_DAYS * 86400, httponly=True, samesite="Lax",
                secure=request.is_secure(),
            )  # fmt: skip
            return response
    return render(request, "ratings/kiosk.html", {"step": "pair", "form": form}, status=422)


def _desk_kiosks(request: HttpRequest) -> Any:
    agencies = principal_for(request.user).agency_ids(Action.RECEIVE)
    qs = Kiosk.objects.filter(is_active=True).select_related("agency").order_by("agency__name", "name")
    return qs if principal_for(request.user).is_system_admin else qs.filter(agency_id__in=agencies)


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The desk officer: show a returned dossier on a counter tablet, or enter a paper rating form."""
    kiosks = _desk_kiosks(request)
    present = PresentForm(request.POST if "present" in request.POST else None, kiosks=kiosks, prefix="present")
    paper = PaperRatingForm(request.POST if "paper" in request.POST else None, prefix="paper")
    if request.method == "POST":
        try:
            if "present" in request.POST and present.is_valid():
                device = services.kiosk_present(
                    actor=request.user,
                    kiosk_id=present.cleaned_data["kiosk"].pk,
                    dossier_code=present.cleaned_data["code"],
                )
                messages.success(request, _("Dossier shown on %(kiosk)s.") % {"kiosk": device.name})
                return redirect("ratings:desk")
            if "paper" in request.POST and paper.is_valid():
                dossier = Dossier.objects.filter(code=paper.cleaned_data["code"].strip()).first()
                if dossier is None:
                    paper.add_error("code", _("No dossier with this code."))
                else:
                    services.rating_submit(
                        dossier_id=dossier.pk, channel=Channel.PAPER, actor=request.user, **paper.answers()
                    )
                    messages.success(request, _("Rating of %(code)s recorded.") % {"code": dossier.code})
                    return redirect("ratings:desk")
        except DomainError as exc:
            (present if "present" in request.POST else paper).add_error(None, str(exc.message))
    status = 422 if present.errors or paper.errors else 200
    return render(request, "ratings/desk.html", {"present": present, "paper": paper, "kiosks": kiosks}, status=status)
