"""Staff pages of the periodic report: the request form (which queues a job), the job page with its progress
polled by htmx and, once done, the download link and the report's table."""

from __future__ import annotations

import uuid

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from motcua.core.errors import ValidationFailed
from motcua.metrics.scope import Scope
from motcua.reports import services
from motcua.reports.forms import ReportRequestForm
from motcua.reports.models import JobState, ReportJob
from motcua.web.staff import forbidden, staff_required

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@staff_required
def report_request(request: HttpRequest) -> HttpResponse:
    agencies = services.reportable_agencies(request.user)
    if not agencies:
        return forbidden(request)
    form = ReportRequestForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.report_job_create(
                actor=request.user, agency=data["agency"], start=data["date_from"], end=data["date_to"],  # type: ignore[arg-type]
                field=data["field"], fmt=data["format"],
            )  # fmt: skip
        except ValidationFailed as exc:
            for name, messages in exc.fields.items():
                form.add_error({"to": "date_to", "from": "date_from"}.get(name), messages)
        else:
            return redirect(reverse("backoffice:reports:job", args=[job.pk]))
    jobs = ReportJob.objects.filter(requested_by_id=request.user.pk).select_related("agency", "field")[:10]
    return render(request, "reports/request.html", {"nav": "reports", "form": form, "jobs": jobs})


@staff_required
def job_page(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = services.report_job_get(actor=request.user, job_id=job_id)  # type: ignore[arg-type]
    report = None
    if job.state == JobState.DONE:
        report = services.handling_report(Scope(job.agency), job.start, job.end, job.field)
    return render(request, "reports/job.html", {"nav": "reports", "job": job, "report": report,
                                                "columns": services.COLUMNS, "groups": services.GROUPS})  # fmt: skip


@staff_required
def job_progress(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The progress fragment; once the job is done, htmx reloads the page to show the table."""
    job = services.report_job_get(actor=request.user, job_id=job_id)  # type: ignore[arg-type]
    response = render(request, "reports/_progress.html", {"job": job})
    if job.state == JobState.DONE and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@staff_required
def job_download(request: HttpRequest, job_id: uuid.UUID) -> HttpResponseBase:
    job = services.report_job_get(actor=request.user, job_id=job_id)  # type: ignore[arg-type]
    if job.state != JobState.DONE or not job.file:
        return HttpResponse(status=404)
    name = f"bao-cao-{job.agency.code}-{job.start:%Y%m%d}-{job.end:%Y%m%d}.{job.format}"
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[job.format])
