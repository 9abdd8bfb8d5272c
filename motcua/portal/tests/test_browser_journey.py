"""The whole journey in Debian's Chromium: a citizen files online → the desk requests a supplement → the citizen
supplements → the desk receives → a specialist processes → a leader signs → the desk returns → the citizen sees
the result. Screenshots of every page go to test-results/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from motcua.dossiers.tests.factories import PDF
from motcua.portal.tests.conftest import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_dossier_from_queue(page, base, tab, reference):
    page.goto(f"{base}/staff/?q={tab}")
    page.get_by_role("link", name=reference).click()
    page.wait_for_load_state()


def act(page, verb):
    page.locator(f"#action-{verb} > summary").click()
    return page.locator(f"#action-{verb} form")


def test_online_dossier_from_submission_to_result(live_server, live_world, browser, tmp_path):
    world, base = live_world, live_server.url
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)

    # A citizen finds the procedure and files it online.
    citizen = log_in(browser, base, world.citizen_user.username)
    citizen.goto(f"{base}/")
    citizen.fill("#id_q", "lý lịch tư pháp")
    citizen.keyboard.press("Enter")
    citizen.get_by_role("link", name=re.compile("Cấp Phiếu lý lịch tư pháp")).first.click()
    shot(citizen, "01-portal-procedure", mobile=True)
    citizen.get_by_role("link", name=re.compile("Nộp trực tuyến|File online")).click()
    shot(citizen, "02-portal-filing-start")
    citizen.locator("form.card button[type=submit]").click()
    component_form = citizen.locator("#components form").first
    component_form.locator("input[type=file]").set_input_files(str(scan))
    component_form.locator("button[type=submit]").click()
    expect(citizen.locator("#components .badge.t-on_time").first).to_be_visible()
    shot(citizen, "03-portal-filing-components", mobile=True)
    citizen.get_by_role("link", name=re.compile("xem lại hồ sơ|summary")).click()
    expect(citizen.get_by_text("200.000 đ").first).to_be_visible()
    shot(citizen, "04-portal-filing-summary")
    citizen.get_by_role("button", name=re.compile("Nộp hồ sơ|Submit the dossier")).click()
    reference = citizen.locator("#reference").inner_text().strip()
    assert reference.startswith("HS")
    shot(citizen, "05-portal-submitted", mobile=True)

    # The desk asks for a supplement, listing what to fix.
    desk = log_in(browser, base, world.desk.username, "/staff/dang-nhap/")
    shot(desk, "06-staff-queues", mobile=True)
    open_dossier_from_queue(desk, base, "receive", reference)
    form = act(desk, "request_supplement")
    form.locator("input[type=checkbox]").first.check()
    form.locator("input[type=text]").first.fill("Thiếu chữ ký của người yêu cầu")
    shot(desk, "07-staff-request-supplement")
    form.locator("button[type=submit]").click()
    expect(desk.locator("#state")).to_contain_text(re.compile("bổ sung|upplement"))

    # The citizen sees exactly what to fix and answers online.
    citizen.reload()
    expect(citizen.locator("#supplement-items")).to_contain_text("Thiếu chữ ký của người yêu cầu")
    shot(citizen, "08-portal-supplement-request", mobile=True)
    citizen.locator("form[action$='/bo-sung/'] input[type=file]").first.set_input_files(str(scan))
    citizen.get_by_role("button", name=re.compile("Gửi hồ sơ bổ sung|Send the supplement")).click()
    expect(citizen.locator("#state")).to_contain_text(re.compile("chờ tiếp nhận|waiting for reception", re.I))

    # The desk receives (code, appointment, receipt) and transfers.
    open_dossier_from_queue(desk, base, "receive", reference)
    act(desk, "receive").locator("button[type=submit]").click()
    expect(desk.locator("#received-banner")).to_be_visible()
    expect(desk.locator("form:has(#print-receipt)")).to_have_attribute("action", re.compile(r"/forms/01\.pdf$"))
    code = desk.locator("h1").inner_text().split()[0]
    shot(desk, "09-staff-received-receipt")
    act(desk, "transfer").locator("button[type=submit]").click()
    expect(desk.locator("#state")).to_contain_text(re.compile("Đang giải quyết|In progress"))

    # A specialist appraises and hands over.
    specialist = log_in(browser, base, world.specialist.username, "/staff/dang-nhap/")
    open_dossier_from_queue(specialist, base, "process", code)
    shot(specialist, "10-staff-dossier-specialist", mobile=True)
    act(specialist, "handover").locator("button[type=submit]").click()
    expect(specialist.locator(".msg.success")).to_be_visible()

    # The leader signs, attaches the digitised result and sends it to the desk.
    leader = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    open_dossier_from_queue(leader, base, "sign", code)
    decide = act(leader, "decide")
    decide.locator("input[value=approved]").check()
    shot(leader, "11-staff-decide")
    decide.locator("button[type=submit]").click()
    attach = act(leader, "attach_result")
    attach.locator("input[name=title]").fill("Phiếu lý lịch tư pháp số 1")
    attach.locator("input[type=file]").set_input_files(str(scan))
    attach.locator("button[type=submit]").click()
    act(leader, "send_to_desk").locator("button[type=submit]").click()
    expect(leader.locator("#state")).to_contain_text(re.compile("Kết quả đã sẵn sàng|Result ready"))

    # The desk takes the fee (a result is returned only with its fees paid or exempted), then returns the result.
    open_dossier_from_queue(desk, base, "return", code)
    expect(desk.locator("#fees-unpaid")).to_be_visible()
    pay = act(desk, "record_payment")
    pay.locator("select[name=method]").select_option("cash")
    pay.locator("input[name=amount]").fill("200000")
    pay.locator("input[name=receipt_no]").fill("BL-000001")
    pay.locator("button[type=submit]").click()
    expect(desk.locator(".msg.success")).to_be_visible()
    returned = act(desk, "return_result")
    returned.locator("select[name=method]").select_option("desk")
    returned.locator("button[type=submit]").click()
    expect(desk.locator("#state")).to_contain_text(re.compile("Đã trả kết quả|Result returned"))
    shot(desk, "12-staff-returned")

    # The citizen sees the result, the timeline and the receipt.
    citizen.goto(f"{base}/ho-so/")
    citizen.get_by_role("link", name=code).click()
    expect(citizen.locator("#results-list")).to_contain_text("Phiếu lý lịch tư pháp số 1")
    expect(citizen.locator("#dossier-code")).to_have_text(code)
    expect(citizen.get_by_role("link", name=re.compile("Mẫu 01|form 01"))).to_be_visible()
    shot(citizen, "13-portal-result", mobile=True)
    with citizen.expect_download() as download:
        citizen.locator("#results-list a").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
