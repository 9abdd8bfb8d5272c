"""In Debian's Chromium: counter intake with the keyboard and a printed receipt, tracking with a wrong check
refused, a staff user of an unrelated agency refused (403)."""

import re

import pytest
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from motcua.orgs.models import Role, StaffRole
from motcua.portal.tests.conftest import log_in, shot, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counter_intake_by_keyboard_prints_the_receipt_and_tracking_refuses_a_wrong_check(
    live_server, live_world, browser
):
    world, base = live_world, live_server.url
    desk = log_in(browser, base, world.desk.username, "/staff/dang-nhap/")
    desk.goto(f"{base}/staff/tiep-nhan/")
    # Pick the procedure by typing, then the keyboard only.
    desk.locator("#proc-q").press_sequentially("ly lich tu")
    expect(desk.locator("#proc-list a").first).to_be_visible()
    shot(desk, "20-staff-intake-search")
    desk.locator("#proc-q").press("Tab")  # the Find button
    desk.keyboard.press("Tab")
    expect(desk.locator("#proc-list a").first).to_be_focused()
    desk.keyboard.press("Enter")
    expect(desk.locator("#intake-form")).to_be_visible()
    # A known applicant is found by ID number and re-used.
    desk.locator("#id_id_number").fill(world.citizen.id_number)
    desk.locator("#id_id_number").press("Tab")
    expect(desk.locator("#known-applicant")).to_contain_text("Nguyễn Văn An")
    for box in desk.locator("#intake-form input[type=checkbox][name^=component_]").all():
        box.focus()
        desk.keyboard.press("Space")
    shot(desk, "21-staff-intake-form", mobile=True)
    desk.locator("#receive-button").focus()
    desk.keyboard.press("Enter")
    expect(desk.locator("#received-banner")).to_be_visible()
    expect(desk.locator("#print-receipt")).to_be_focused()
    printing = desk.locator("form:has(#print-receipt)")
    dossier = Dossier.objects.get(applicant=world.citizen)
    assert printing.get_attribute("action") == f"/api/v1/dossiers/{dossier.pk}/forms/01.pdf"
    assert printing.get_attribute("method") == "post"  # a print is recorded, so it is a POST (with the CSRF token)
    with desk.context.expect_page() as receipt:
        desk.keyboard.press("Enter")
    receipt.value.wait_for_load_state()
    assert dossier.events.filter(action="print_form", actor__username=world.desk.username).count() == 1
    shot(desk, "22-staff-intake-received")

    # Tracking by code: a wrong check is refused, the right one shows the status without personal data.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/tra-cuu/")
    visitor.fill("#id_code", dossier.code)
    visitor.fill("#id_factor", "0000")
    visitor.locator("form button[type=submit]:not(.link)").click()
    expect(visitor.locator(".error-summary, .errorlist").first).to_be_visible()
    shot(visitor, "23-portal-tracking-refused", mobile=True)
    visitor.fill("#id_code", dossier.code)
    visitor.fill("#id_factor", world.citizen.phone[-4:])
    visitor.locator("form button[type=submit]:not(.link)").click()
    expect(visitor.get_by_role("heading", name=re.compile(re.escape(dossier.code)))).to_be_visible()
    assert "Nguyễn Văn An" not in visitor.content()
    shot(visitor, "24-portal-tracking", mobile=True)


def test_staff_of_an_unrelated_agency_cannot_open_the_dossier(live_server, live_world, browser):
    from motcua.dossiers.services import reception

    world, base = live_world, live_server.url
    dossier = reception.dossier_intake_at_desk(
        actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
        receiving_agency=world.city.centre, components=world.components(),
    )  # fmt: skip
    ward_desk = StaffRole.objects.filter(agency=world.city.wards[0], role=Role.DESK_OFFICER).first().user
    with_password(ward_desk)
    page = log_in(browser, base, ward_desk.username, "/staff/dang-nhap/")
    response = page.goto(f"{base}/staff/ho-so/{dossier.pk}/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "25-staff-forbidden")
