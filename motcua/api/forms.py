"""Official forms and the register, as files.

- ``GET /dossiers/{id}/forms``: the forms of the dossier's set, whether each applies, its issues and prints.
- ``GET /dossiers/{id}/forms/{number}.pdf[?event=<id>]``: show a form, recording nothing (a GET never writes); with
  ``event`` the issue of that event, or exactly an earlier print when it is a print's id.
- ``POST /dossiers/{id}/forms/{number}.pdf[?event=<id>]``: print it, recorded as a ``print_form`` event whose id the
  ``X-Print-Event`` header gives (the first print of an issue keeps the form's data as printed).
- ``GET /dossiers/register/{desk}.pdf|.xlsx?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD``: the desk's register.

(The register is under ``/dossiers/register/…``, not ``/dossiers/register.pdf``, which ``GET /dossiers/{id}``
would take.) Access is checked by the services; the files are answered as they are, with their content type.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from pydantic import Field

from motcua.api.auth import AUTH, current_user
from motcua.api.errors import ErrorOut
from motcua.api.params import date_field, iso_date
from motcua.core import clock
from motcua.dossiers.documents import register, services

router = Router(tags=["forms"])

ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(description: str, content_type: str) -> dict[str, Any]:
    return {
        "responses": {
            "200": {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


class FormIssueOut(Schema):
    event: int
    at: dt.datetime
    url: str


class FormOut(Schema):
    number: str
    kind: str
    title: str
    set: str
    page: str
    applies: bool
    url: str | None
    issues: list[FormIssueOut]
    prints: int


def _form_url(dossier_id: int, number: str, event: int | None = None) -> str:
    url = f"/api/v1/dossiers/{dossier_id}/forms/{number}.pdf"
    return f"{url}?event={event}" if event else url


@router.get("/{dossier_id}/forms", response={200: list[FormOut], **ERRORS}, auth=AUTH, summary="Forms of a dossier")
def forms_list(request: HttpRequest, dossier_id: int) -> list[dict[str, Any]]:
    forms = services.forms_available(actor=current_user(request), dossier_id=dossier_id)
    return [
        {
            "number": f.number,
            "kind": f.kind,
            "title": f.title,
            "set": f.set_key,
            "page": f.page,
            "applies": f.applies,
            "url": _form_url(dossier_id, f.number) if f.applies else None,
            "issues": [
                {"event": i.event_id, "at": i.at, "url": _form_url(dossier_id, f.number, i.event_id)} for i in f.issues
            ],
            "prints": f.prints,
        }  # fmt: skip
        for f in forms
    ]


class FormQuery(Schema):
    event: int | None = Field(
        None, ge=1, le=2**62, description="The event that issued the form, or an earlier print to reproduce"
    )


NUMBER = Path(..., pattern=r"^\d{2}$", description="Form number in the dossier's set, e.g. 01")


def _pdf(printed: services.PrintedForm) -> HttpResponse:
    response = HttpResponse(printed.pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    return response


@router.get(
    "/{dossier_id}/forms/{number}.pdf",
    response={200: None, **ERRORS},
    auth=AUTH,
    summary="Show a form (PDF); records nothing",
    openapi_extra=_file("The form, A5 (PDF)", PDF),
)
def form_pdf(request: HttpRequest, dossier_id: int, params: Query[FormQuery], number: str = NUMBER) -> HttpResponse:
    return _pdf(
        services.form_render(
            actor=current_user(request),
            dossier_id=dossier_id,
            number=number,
            event_id=params.event,
            base_url=services.public_base_url(request.build_absolute_uri("/")),
        )  # fmt: skip
    )


@router.post(
    "/{dossier_id}/forms/{number}.pdf",
    response={200: None, **ERRORS},
    auth=AUTH,
    summary="Print a form (PDF), recorded as a print_form event",
    openapi_extra=_file("The form, A5 (PDF); the X-Print-Event header names the print's event", PDF),
)
def form_print(request: HttpRequest, dossier_id: int, params: Query[FormQuery], number: str = NUMBER) -> HttpResponse:
    printed = services.form_print(
        actor=current_user(request), dossier_id=dossier_id, number=number, event_id=params.event,
        base_url=services.public_base_url(request.build_absolute_uri("/")),
    )  # fmt: skip
    response = _pdf(printed)
    response["X-Print-Event"] = str(printed.print_event_id)
    return response


class RegisterQuery(Schema):
    date_from: str | None = date_field("First reception day (default: 1 January)", None)
    date_to: str | None = date_field("Last reception day, included (default: today)", None)


def _day(value: str | None, field: str, default: dt.date) -> dt.date:
    return default if value is None else iso_date(value, field)


def _register(request: HttpRequest, desk: str, params: RegisterQuery, limit: int) -> register.Register:
    today = clock.today()
    date_to = _day(params.date_to, "date_to", today)
    date_from = _day(params.date_from, "date_from", date_to.replace(month=1, day=1))
    return register.register_read(
        actor=current_user(request), desk_code=desk, date_from=date_from, date_to=date_to, limit=limit
    )


def _register_name(reg: register.Register, extension: str) -> str:
    return f"so-theo-doi-{reg.desk.code}-{reg.date_from:%Y%m%d}-{reg.date_to:%Y%m%d}.{extension}"


DESK = Path(..., min_length=1, max_length=13, description="Identifier code of the desk, e.g. 000.00.01.H26")


@router.get(
    "/register/{desk}.pdf",
    response={200: None, **ERRORS},
    auth=AUTH,
    summary="The desk's register (PDF, A4)",
    openapi_extra=_file("The register, A4 landscape (PDF)", PDF),
)
def register_pdf(request: HttpRequest, params: Query[RegisterQuery], desk: str = DESK) -> HttpResponse:
    reg = _register(request, desk, params, register.MAX_PDF_LINES)
    response = HttpResponse(register.register_pdf(reg), content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{_register_name(reg, "pdf")}"'
    return response


@router.get(
    "/register/{desk}.xlsx",
    response={200: None, **ERRORS},
    auth=AUTH,
    summary="The desk's register (xlsx)",
    openapi_extra=_file("The register, one sheet per year (xlsx)", XLSX),
)
def register_xlsx(request: HttpRequest, params: Query[RegisterQuery], desk: str = DESK) -> HttpResponse:
    reg = _register(request, desk, params, register.MAX_XLSX_LINES)
    response = HttpResponse(register.register_xlsx(reg), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_register_name(reg, "xlsx")}"'
    return response
