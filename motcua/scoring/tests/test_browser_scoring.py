"""In Debian's Chromium: a leader opens the evaluation, changes the quarter and the tab with htmx."""

import pytest
from playwright.sync_api import expect

from motcua.portal.tests.conftest import browser_type_launch_args, live_world, log_in, shot  # noqa: F401
from motcua.scoring.tests.helpers import handled, vn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_reads_the_units_and_the_officials_by_quarter(live_server, live_world, browser):  # noqa: F811
    world, base = live_world, live_server.url
    handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10))
    handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 15))
    page = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    page.goto(f"{base}/staff/danh-gia/?year=2026")
    expect(page.locator("table.scores tbody tr").first).to_contain_text("5,0")
    page.select_option("#sc-quarter", "2")  # htmx swaps the table: nothing decided in Q2
    expect(page.locator("table.scores tbody tr").first.locator("td").first).to_have_text("0")
    expect(page).to_have_url(f"{base}/staff/danh-gia/?tab=units&agency={world.city.justice.code}&year=2026&quarter=2")
    page.select_option("#sc-quarter", "1")
    expect(page.locator("table.scores tbody tr").first).to_contain_text("5,0")
    shot(page, "60-staff-scoring-units", mobile=True)
    page.get_by_role("link", name="Cán bộ, công chức").click()
    expect(page.locator("table.scores tbody")).to_contain_text(world.specialist.get_full_name())
    shot(page, "61-staff-scoring-officials")
    page.select_option("#sc-year", "2025")  # the tab stays: the hidden field followed the swap
    expect(page).to_have_url(
        f"{base}/staff/danh-gia/?tab=officials&agency={world.city.justice.code}&year=2025&quarter=1"
    )
    expect(page.locator("table.scores tbody")).not_to_contain_text(world.specialist.get_full_name())
