"""The citizen's pages of issue 13 in Chromium at 1366 px and 390 px: My dossiers (overdue mark, deleting a draft),
answering a supplement asked after appraisal, the rating link of a returned dossier, the procedure page's blank
forms and full list of agencies. Screenshots go to MOTCUA_SCREENSHOTS (or test-results/screenshots)."""

import pathlib
import re

import pytest
from playwright.sync_api import expect

from motcua.catalog import forms
from motcua.catalog.importing import catalog_import
from motcua.catalog.tests.test_blank_forms import PDF, _with_form
from motcua.catalog.tests.test_importing import as_json
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.services import intake
from motcua.dossiers.tests.factories import PDF as SCAN
from motcua.dossiers.tests.factories import vn
from motcua.metrics.tests.helpers import decide, return_result, transfer
from motcua.metrics.tests.helpers import intake as desk_intake
from motcua.portal.tests.conftest import SHOTS, log_in
from motcua.portal.tests.test_answer_pause import _paused

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def both_widths(page, name):
    pathlib.Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_my_dossiers_and_deleting_a_draft(live_server, live_world, browser):
    world = live_world
    desk_intake(world, vn(2026, 3, 2, 9, 0))  # received in March 2026: its appointment has passed
    draft = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    page = log_in(browser, live_server.url, world.citizen_user.username)
    page.goto(f"{live_server.url}/ho-so/")
    expect(page.locator("[data-overdue]")).to_have_count(1)
    both_widths(page, "i13-my-dossiers")
    page.get_by_role("link", name=re.compile("Xóa bản nháp|Delete draft")).click()
    both_widths(page, "i13-draft-delete")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/ho-so/")
    expect(page.locator("main table")).not_to_contain_text(draft.reference)
    assert Dossier.objects.get(pk=draft.pk).state == "withdrawn"


def test_a_supplement_after_appraisal_is_answered_in_the_browser(live_server, live_world, browser, tmp_path):
    world = live_world
    dossier = _paused(world)
    scan = tmp_path / "to-khai-ky.pdf"
    scan.write_bytes(SCAN)
    page = log_in(browser, live_server.url, world.citizen_user.username)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    expect(page.locator("#supplement-items")).to_contain_text("Tờ khai có chữ ký của người yêu cầu")
    both_widths(page, "i13-paused-supplement")
    page.locator("#h-supp ~ form input[type=file]").first.set_input_files(str(scan))
    page.locator("#h-supp ~ form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert Dossier.objects.get(pk=dossier.pk).state == "in_progress"


def test_a_returned_dossier_links_to_its_rating(live_server, live_world, browser):
    world = live_world
    dossier = desk_intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    decide(world, dossier, vn(2026, 3, 3, 10, 0))
    return_result(world, dossier, vn(2026, 3, 4, 10, 0))
    page = log_in(browser, live_server.url, world.citizen_user.username)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    both_widths(page, "i13-returned-dossier")
    page.locator("#rate-link").click()
    expect(page.locator("input[name=satisfied]").first).to_be_visible()
    both_widths(page, "i13-rate")


def test_the_procedure_page_offers_blank_forms(live_server, browser, settings, tmp_path):
    from motcua.catalog.tests.factories import make_city

    settings.MEDIA_ROOT = tmp_path / "media"
    make_city()
    forms.put("to-khai-lltp.pdf", PDF)
    catalog_import(as_json(_with_form()), filename="catalogue.json")
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
    page.goto(f"{live_server.url}/thu-tuc/2.000488/")
    expect(page.locator("#blank-forms a")).to_have_count(1)
    both_widths(page, "i13-procedure-blank-forms")
    with page.expect_download() as download:
        page.locator("#blank-forms a").click()
    assert download.value.suggested_filename == "to-khai-lltp.pdf"
