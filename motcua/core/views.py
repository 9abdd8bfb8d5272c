from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.core import csp
from motcua.core.net import client_ip, hit_ip
from motcua.core.origin import same_origin
from motcua.core.sqlvendor import vendor


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": vendor()})


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, without a CSRF token (public pages offer it and set no cookie) but refusing any
    POST that another site started (:func:`motcua.core.origin.same_origin`)."""
    if request.method == "POST" and not same_origin(request):
        raise PermissionDenied("The language can only be changed from this site.")
    return i18n.set_language(request)


@csrf_exempt  # browsers send reports without cookies or token; nothing is changed but the log
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Where browsers post Content-Security-Policy violations (see :mod:`motcua.core.csp`)."""
    if not hit_ip(request, "csp-report", limit=settings.CSP_REPORT_LIMIT_PER_MINUTE, window_seconds=60):
        return HttpResponse(status=429)
    if request.content_type not in csp.CONTENT_TYPES:
        return HttpResponse(status=415)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if length > csp.MAX_BODY_BYTES:
        return HttpResponse(status=413)
    try:
        violations = csp.violations_parse(body=request.body, content_type=request.content_type)
    except csp.BadReport:
        return HttpResponse(status=400)
    csp.violations_log(violations=violations, client=client_ip(request))
    return HttpResponse(status=204)
