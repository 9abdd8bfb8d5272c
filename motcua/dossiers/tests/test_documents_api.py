"""The forms and the register through the API: files with their content types, the error shape for forms that do
not apply, access, and the receipt's QR code pointing at this site's tracking page."""

import io

import pytest
import zxingcpp
from hypothesis import HealthCheck
from hypothesis import settings as fuzzing
from openpyxl import load_workbook
from PIL import Image

from motcua.api.tests import fuzzing as api_fuzzing
from motcua.core import clock
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests import test_documents_scenarios as story
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token


@pytest.fixture
def dossier(world):
    return story.received(world, vn(2026, 3, 2, 9, 0))


def get(client, url):
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        return client.get(url)


def post(client, url):
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        return client.post(url)


def test_the_desk_prints_the_receipt_as_a_pdf(client, world, dossier, tmp_path):
    client.force_login(world.desk)
    response = post(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{dossier.code}-mau-01.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert f"Mã hồ sơ: {dossier.code}" in story.pdf_text(response.content)
    printed = DossierEvent.objects.get(pk=int(response["X-Print-Event"]))
    assert (printed.action, printed.actor, printed.at) == ("print_form", world.desk, vn(2026, 3, 3, 9, 0))
    # the QR code opens this site's tracking page
    png = story.page_png(response.content, tmp_path)
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    assert codes == [f"http://testserver/tra-cuu/{dossier.code}?t={tracking_token(dossier.code)}"]


def test_a_configured_public_address_goes_into_the_qr_code(client, world, dossier, settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.hanoi.gov.vn/"
    client.force_login(world.desk)
    post(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf")
    stored = DossierEvent.objects.get(dossier=dossier, action="print_form").payload["data"]
    assert stored["tracking_url"].startswith(f"https://dichvucong.hanoi.gov.vn/tra-cuu/{dossier.code}?t=")


def test_showing_a_form_records_nothing_and_a_print_needs_the_csrf_token(world, dossier):
    # A GET never writes: a cross-site page that links to the receipt (an <img> or a link the officer clicks) leaves
    # no print_form event behind. Printing is a POST, which a cross-site page cannot forge (no CSRF token).
    from django.test import Client

    url = f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf"
    before = DossierEvent.objects.filter(dossier=dossier).count()
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(world.desk)
    shown = get(forged, url)
    assert shown.status_code == 200 and shown.content.startswith(b"%PDF-")
    assert "X-Print-Event" not in shown
    refused = post(forged, url)
    assert (refused.status_code, refused.json()["message"]) == (403, "CSRF check Failed")
    assert DossierEvent.objects.filter(dossier=dossier).count() == before


def test_a_shown_form_is_the_stored_print_once_printed(client, world, dossier, settings):
    client.force_login(world.desk)
    printed = post(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf")
    settings.MOTCUA_PUBLIC_URL = "https://elsewhere.example"
    shown = get(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf")
    assert story.pdf_text(shown.content) == story.pdf_text(printed.content)


@pytest.mark.parametrize(
    ("number", "status", "code"),
    [
        ("04", 409, "form_not_applicable"),  # no apology
        ("03", 409, "form_not_applicable"),  # a received dossier was not refused
        ("09", 404, "form_not_in_set"),
        ("07", 404, "form_is_register"),
        ("1", 422, "invalid"),
    ],
)
def test_a_form_that_does_not_apply_is_a_clear_error(client, world, dossier, number, status, code):
    client.force_login(world.desk)
    response = get(client, f"/api/v1/dossiers/{dossier.pk}/forms/{number}.pdf")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == code
    assert set(response.json()) == {"code", "message", "fields"}


def test_only_who_may_see_the_dossier_prints_its_forms(client, world, dossier):
    from motcua.accounts.models import User

    assert get(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf").status_code == 401
    client.force_login(User.objects.create(username="khach"))
    assert get(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf").json()["code"] == "dossier_not_found"
    client.force_login(world.citizen_user)
    assert get(client, f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf").status_code == 200


def test_the_forms_list_links_the_forms_that_apply(client, world, dossier):
    client.force_login(world.desk)
    body = get(client, f"/api/v1/dossiers/{dossier.pk}/forms").json()
    assert [(f["number"], f["applies"]) for f in body] == [
        ("01", True), ("02", False), ("03", False), ("04", False), ("05", False), ("06", True),
    ]  # fmt: skip
    receipt = body[0]
    assert receipt["url"] == f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf"
    assert receipt["title"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert receipt["set"] == "tt03_2025"
    assert receipt["page"] == "A4"
    receive = DossierEvent.objects.get(dossier=dossier, action="receive")
    assert receipt["issues"][0]["url"] == f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf?event={receive.pk}"


def test_the_register_as_pdf_and_xlsx(client, world, dossier):
    client.force_login(world.desk)
    base = f"/api/v1/dossiers/register/{world.city.centre.code}"
    pdf = get(client, f"{base}.pdf?date_from=2026-03-01&date_to=2026-03-31")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'inline; filename="so-theo-doi-000.00.01.H26-20260301-20260331.pdf"'
    assert f"1 {dossier.code}" in story.pdf_text(pdf.content)
    xlsx = get(client, f"{base}.xlsx?date_from=2026-03-01")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(xlsx.content))["2026"]
    assert [row[:2] for row in sheet.iter_rows(min_row=5, values_only=True)] == [(1, dossier.code)]
    # without dates: from 1 January of the current year to today
    assert f"1 {dossier.code}" in story.pdf_text(get(client, f"{base}.pdf").content)


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("date_from=2026-02-30", 422, "date_from"),
        ("date_from=26-03-01", 422, "date_from"),
        ("date_from=2026-03-31&date_to=2026-03-01", 422, "date_to"),
    ],
)
def test_a_bad_register_range_is_a_422_naming_the_field(client, world, dossier, query, status, field):
    client.force_login(world.desk)
    response = get(client, f"/api/v1/dossiers/register/{world.city.centre.code}.pdf?{query}")
    assert response.status_code == status
    assert field in response.json()["fields"]


def test_the_register_is_not_for_applicants_and_names_a_real_desk(client, world, dossier):
    client.force_login(world.citizen_user)
    assert get(client, f"/api/v1/dossiers/register/{world.city.centre.code}.pdf").status_code == 403
    client.force_login(world.desk)
    assert get(client, "/api/v1/dossiers/register/999.99.99.H99.xlsx").status_code == 404


# --- The forms endpoints against their own OpenAPI description -------------------------------------------------

forms_schema = api_fuzzing.load(with_token=True).include(path_regex=r"/forms|/register/")


@pytest.fixture
def desk_headers(world, keep_connection):
    """A desk officer's bearer token, in a world with a received, a refused and an apologised dossier."""
    from motcua.accounts.tokens import token_issue

    story.received(world, vn(2026, 3, 2, 9, 0))
    story.refused(world, vn(2026, 3, 2, 10, 0))
    late = story.received(world, vn(2026, 3, 2, 11, 0))
    story.transferred_and_appraised(world, late, vn(2026, 3, 2, 12, 0))
    story.apologised(world, late, vn(2026, 3, 3, 9, 0), vn(2026, 3, 9, 16, 0))
    _token, api_fuzzing.Token.secret = token_issue(user=world.desk, name="fuzz-forms")


@forms_schema.parametrize()
@fuzzing(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_forms_endpoints_conform_to_their_schema(case, desk_headers):
    # every check: no 5xx, only documented statuses and content types (a PDF, an xlsx, or the error shape), a
    # schema-valid request never refused for its shape, and the token taken away is a 401
    case.call_and_validate()
