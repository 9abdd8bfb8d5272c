"""In Debian's Chromium, under the Content-Security-Policy: every main page opens without a single violation or
script error, at 1366 px and at 390 px, and its JavaScript still works (htmx search and swaps, the upload progress
bar, the language switch, the dashboard's charts, the report's polling, the admin's scripts); the API docs render
with every other host unreachable. Screenshots go to test-results/screenshots/ (70-…)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.dashboard.tests.conftest import make_story
from motcua.dossiers.tests.factories import PDF
from motcua.portal.tests.conftest import PASSWORD, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, NARROW = {"width": 1366, "height": 900}, {"width": 390, "height": 844}

#: Runs before any script of the page (Playwright injects it outside the page's policy): it counts violations.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watched:
    """A browser context whose pages report every CSP violation, policy error and uncaught script error."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport=WIDE, locale="vi-VN")
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.problems: list[str] = []
        self.context.on("console", self._console)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text or "Permissions policy" in text:
            self.problems.append(f"console: {text}")

    def open(self, path: str) -> None:
        response = self.page.goto(f"{self.base}{path}")
        assert response is not None
        assert response.status == 200, (path, response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("load")

    def clean(self, name: str) -> None:
        """No violation so far; screenshots at 1366 px and 390 px."""
        for size, suffix in ((WIDE, ""), (NARROW, "-390")):
            self.page.set_viewport_size(size)
            self.page.wait_for_timeout(150)
            self.page.screenshot(path=f"{SHOTS}/{name}{suffix}.png", full_page=True)
        self.page.set_viewport_size(WIDE)
        violations = self.page.evaluate("window.__csp || []")
        assert violations == [], (name, violations)
        assert self.problems == [], (name, self.problems)

    def log_in(self, username: str, path: str = "/accounts/login/") -> None:
        self.open(path)
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("form [type=submit]:not(.link)")
        self.page.wait_for_load_state()


def test_the_citizen_pages_run_under_the_policy(live_server, live_world, browser, tmp_path):
    world, base = live_world, live_server.url
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    w = Watched(browser, base)
    page = w.page

    w.open("/")
    page.fill("#id_q", "lý lịch tư pháp")  # htmx searches as one types
    expect(page.locator("#results")).to_contain_text("Cấp Phiếu lý lịch tư pháp")
    expect(page).to_have_url(re.compile(r"q=l%C3%BD"))
    w.clean("70-csp-portal-home")

    page.select_option("#lang", "en")  # the language switch, a static script now
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("#lang", "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    w.open(f"/thu-tuc/{world.version.procedure.code}/")
    w.clean("71-csp-procedure")
    w.open("/tra-cuu/")
    w.clean("72-csp-tracking")
    w.open("/chi-so/")
    w.clean("73-csp-public-index")

    w.log_in(world.citizen_user.username)
    w.open(f"/nop-truc-tuyen/{world.version.procedure.code}/")
    w.clean("74-csp-filing-start")
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(re.compile(r"/thanh-phan/$"))
    # the progress bar follows htmx's upload events (recorded after the page's own listener has run)
    page.evaluate(
        """window.__bars = []; document.addEventListener("htmx:xhr:progress", function (e) {
             var bar = e.target.closest("form").querySelector("progress"); window.__bars.push([bar.hidden, bar.value]); });"""
    )
    form = page.locator("#components form").first
    form.locator("input[type=file]").set_input_files(str(scan))
    form.locator("button[type=submit]").click()
    expect(page.locator("#components .badge.t-on_time").first).to_be_visible()
    bars = page.evaluate("window.__bars")
    assert bars and bars[-1] == [False, 100], bars
    w.clean("75-csp-filing-components")
    page.get_by_role("link", name=re.compile("xem lại hồ sơ|summary")).click()
    w.clean("76-csp-filing-review")


def test_the_staff_pages_run_under_the_policy(live_server, live_world, browser):
    world, base = live_world, live_server.url
    story = make_story(world)
    w = Watched(browser, base)
    page = w.page
    w.log_in(world.leader.username, "/staff/dang-nhap/")
    w.open("/staff/")
    w.clean("77-csp-staff-queue")

    w.open(f"/staff/ho-so/{story.overdue[0].pk}/")
    actions = page.locator("details.action")
    if actions.count():  # opening an action loads its form with htmx ("toggle once")
        actions.first.locator("summary").click()
        expect(actions.first.locator(".action-body form")).to_be_visible()
    w.clean("78-csp-staff-dossier")

    w.open("/staff/dashboard/")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-index') && Chart.getChart('chart-counts')")
    w.clean("79-csp-dashboard")

    w.open("/staff/danh-gia/?year=2026")
    page.select_option("#sc-quarter", "2")  # htmx swaps the table and pushes the address
    expect(page).to_have_url(re.compile(r"quarter=2"))
    w.clean("80-csp-scoring")

    w.open("/staff/bao-cao/")
    page.fill("#id_date_from", "2026-03-01")
    page.fill("#id_date_to", "2026-03-31")
    page.locator("#report-form button[type=submit]").click()
    expect(page.locator("#download")).to_be_visible(timeout=10000)  # htmx polled the job until it was done
    w.clean("81-csp-report")


def test_the_admin_runs_under_the_policy(live_server, live_world, browser):
    world, base = live_world, live_server.url
    User.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    w = Watched(browser, base)
    page = w.page
    w.log_in("quantri", "/admin/login/")
    w.open("/admin/")
    w.clean("82-csp-admin")
    w.open("/admin/orgs/agency/")
    page.locator("#action-toggle").check()  # the admin's actions.js selects every row
    expect(page.locator("input.action-select").first).to_be_checked()
    expect(page.locator(".action-counter")).to_contain_text(re.compile(r"(\d+)\s+(của|of)\s+\1"))
    w.clean("83-csp-admin-changelist")
    w.open(f"/admin/orgs/agency/{world.city.justice.pk}/change/")
    w.clean("84-csp-admin-change")
    w.open("/admin/workcalendar/calendar/")
    w.clean("85-csp-admin-calendars")


def test_the_api_docs_render_offline_under_the_policy(live_server, browser):
    base = live_server.url
    own = urlsplit(base).netloc
    elsewhere: list[str] = []
    w = Watched(browser, base)

    def only_this_site(route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    w.context.route("**/*", only_this_site)
    w.open("/api/v1/docs")
    expect(w.page.locator(".swagger-ui .info .title")).to_contain_text("motcua API")
    expect(w.page.locator(".opblock-summary-path").first).to_be_visible()
    expect(w.page.locator(".opblock-summary-path", has_text="/api/v1/tracking/")).to_be_visible()
    w.clean("86-csp-api-docs")
    assert elsewhere == []
