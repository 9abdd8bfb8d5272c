"""The periodic report of procedure handling (staff: leaders, inspectors and agency administrators of the agency or
above it).

- ``GET /reports/handling?agency=&from=&to=[&field=]``: the report as JSON, one row per agency × field and the total.
- ``POST /reports/jobs``: queue its xlsx or PDF file; ``GET /reports/jobs/{id}``: state, progress, download URL;
  ``GET /reports/jobs/{id}/file``: the file once done.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from motcua.api.auth import AUTH, current_user
from motcua.api.errors import ErrorOut
from motcua.api.params import PERIOD_END, date_field, iso_date
from motcua.api.parsing import BodyIn
from motcua.catalog.models import Field as CatalogField
from motcua.core.errors import NotFound
from motcua.orgs.models import Agency
from motcua.orgs.selectors import agency_get_by_code
from motcua.reports import services
from motcua.reports.models import JobState, ReportFormat, ReportJob

router = Router(tags=["reports"])

ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
#: No control characters (PostgreSQL refuses a NUL in a string parameter: it would be a 500).
CODE = r"^[^\x00-\x1f]+$"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ReportQuery(Schema):
    agency: str = Field(description="Identifier code of the agency whose subtree is reported", min_length=1,
                        max_length=13, pattern=CODE)  # fmt: skip
    from_: str = date_field("First day (local date, inclusive), YYYY-MM-DD", alias="from")
    to: str = date_field(PERIOD_END)
    field: str | None = Field(None, description="Sector code of one field (lĩnh vực)", min_length=1, max_length=30,
                              pattern=CODE)  # fmt: skip


class ReportJobIn(BodyIn):
    agency: str = Field(description="Identifier code of the agency", min_length=1, max_length=13, pattern=CODE)
    from_: str = date_field("First day, YYYY-MM-DD", alias="from")
    to: str = date_field(PERIOD_END)
    field: str | None = Field(None, description="Sector code of one field", min_length=1, max_length=30, pattern=CODE)
    format: ReportFormat = Field(ReportFormat.XLSX, description="xlsx or pdf")


class ReportRowOut(Schema):
    agency: str
    agency_name: str
    field: str | None = Field(description="Sector code of the field; null on the total row unless one was asked")
    field_name: str | None
    received: int = Field(description="carried_over + new_online + new_counter + new_postal")
    carried_over: int = Field(description="Open (received, not finished) at the end of the day before the period")
    new_online: int
    new_counter: int
    new_postal: int
    resolved: int = Field(description="Decided in the period: resolved_early + resolved_on_time + resolved_late")
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    in_progress: int = Field(description="Open at the end of the period: in_progress_on_time + in_progress_overdue")
    in_progress_on_time: int
    in_progress_overdue: int
    withdrawn_stopped: int = Field(description="Stopped at the applicant's request in the period")
    apologies: int = Field(description="Apologies and re-appointments (form 04) issued in the period")


class ReportOut(Schema):
    agency: str
    agency_name: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    field: str | None
    rows: list[ReportRowOut]
    total: ReportRowOut


class ReportJobOut(Schema):
    id: uuid.UUID
    agency: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    field: str | None
    format: str
    state: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="0–100")
    rows: int
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    download_url: str | None = Field(description="The file, once done")


def _parameters(agency_code: str, start: str, end: str, field: str | None) -> tuple[Agency, dt.date, dt.date, Any]:
    first, last = iso_date(start, "from"), iso_date(end, "to")
    services.check_period(first, last)
    agency = agency_get_by_code(agency_code)
    if agency is None:
        raise NotFound(_("No agency has the identifier code %(code)s.") % {"code": agency_code})
    catalog_field = None
    if field:
        catalog_field = CatalogField.objects.filter(code=field).first()
        if catalog_field is None:
            raise NotFound(_("No field has the code %(code)s.") % {"code": field}, code="field_not_found")
    return agency, first, last, catalog_field


def _job_out(job: ReportJob) -> dict[str, Any]:
    done = job.state == JobState.DONE and bool(job.file)
    return {
        "id": job.pk, "agency": job.agency.code, "from": job.start, "to": job.end,
        "field": job.field.code if job.field else None, "format": job.format, "state": job.state,
        "progress": job.progress, "rows": job.rows, "error": job.error, "created_at": job.created_at,
        "finished_at": job.finished_at, "download_url": f"/api/v1/reports/jobs/{job.pk}/file" if done else None,
    }  # fmt: skip


@router.get("/handling", response={200: ReportOut, **ERRORS}, auth=AUTH, summary="Report on procedure handling",
            by_alias=True)  # fmt: skip
def handling(request: HttpRequest, params: Query[ReportQuery]) -> dict[str, Any]:
    agency, start, end, field = _parameters(params.agency, params.from_, params.to, params.field)
    services.require_report(current_user(request), agency)
    return services.report_as_dict(services.handling_report(agency, start, end, field))


@router.post("/jobs", response={201: ReportJobOut, **ERRORS}, auth=AUTH, summary="Queue the report's file",
             by_alias=True)  # fmt: skip
def job_create(request: HttpRequest, payload: ReportJobIn) -> Status:
    agency, start, end, field = _parameters(payload.agency, payload.from_, payload.to, payload.field)
    job = services.report_job_create(
        actor=current_user(request), agency=agency, start=start, end=end, field=field, fmt=payload.format.value
    )
    return Status(201, _job_out(job))


@router.get("/jobs/{job_id}", response={200: ReportJobOut, **ERRORS}, auth=AUTH, summary="A report job",
            by_alias=True)  # fmt: skip
def job_get(request: HttpRequest, job_id: uuid.UUID) -> dict[str, Any]:
    return _job_out(services.report_job_get(actor=current_user(request), job_id=job_id))


@router.get(
    "/jobs/{job_id}/file",
    response={200: None, **ERRORS},
    auth=AUTH,
    summary="The report's file (xlsx or PDF)",
    openapi_extra={"responses": {"200": {"description": "The file", "content": {
        t: {"schema": {"type": "string", "format": "binary"}} for t in CONTENT_TYPES.values()}}}},
)  # fmt: skip
def job_file(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = services.report_job_get(actor=current_user(request), job_id=job_id)
    if job.state != JobState.DONE or not job.file:
        raise NotFound(_("The file is not ready."), code="not_ready")
    with job.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=CONTENT_TYPES[job.format])
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{job.agency.code}-{job.start:%Y%m%d}-{job.end:%Y%m%d}.{job.format}"'
    )
    return response
