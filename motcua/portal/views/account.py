"""Applicant registration with e-mail verification (log in and password reset are Django's, under /accounts/)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.accounts.views import too_many
from motcua.core import net
from motcua.core.errors import DomainError
from motcua.portal import services
from motcua.portal.forms import RegisterForm
from motcua.web.forms import form_errors


def register(request: HttpRequest) -> HttpResponse:
    """The same answer whether or not the number is registered (see ``services.applicant_signup``); at most
    ``REGISTRATION_PER_IP_PER_HOUR`` requests an hour from one client address."""
    limit = settings.REGISTRATION_PER_IP_PER_HOUR
    if request.method == "POST" and not net.hit_ip(request, "register", limit=limit, window_seconds=3600):
        return too_many(request, seconds=3600, title=_("Register"))
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.applicant_signup(
                kind=data["kind"], id_number=data["id_number"], name=data["name"], email=data["email"],
                password=data["password"], phone=data["phone"], date_of_birth=data["date_of_birth"],
                site_url=request.build_absolute_uri("/"),
            )  # fmt: skip
        except DomainError as exc:
            form_errors(form, exc, aliases={"id_type": "id_number"})
        else:
            return render(request, "portal/register_sent.html")
    return render(request, "portal/register.html", {"form": form})


def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = services.applicant_verify_email(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "portal/verify_failed.html", status=400)
    messages.success(request, _("Your account %(name)s is active: log in.") % {"name": user.username})
    return redirect("login")
