"""In Debian's Chromium at 1366 px and at 390 px: every queue tab whole and reachable, the leaders' menu on one line,
no counter intake in the menu of a specialist (issue 13, items 18 and 20)."""

import pytest
from playwright.sync_api import expect

from motcua.portal.tests.conftest import log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


def _tabs_fit(page) -> list[str]:
    """Labels of the tabs cut by the strip or the window (empty when every tab shows whole)."""
    return page.evaluate(
        """() => {
          const strip = document.querySelector('nav.tabs');
          const bad = [];
          if (strip.scrollWidth > strip.clientWidth + 1) bad.push('strip overflows');
          for (const a of strip.querySelectorAll('a')) {
            const r = a.getBoundingClientRect();
            if (a.scrollWidth > a.clientWidth + 1 || r.right > window.innerWidth || r.width === 0) bad.push(a.innerText);
          }
          return bad;
        }"""
    )


def test_queue_tabs_fit_at_1366_and_are_all_reachable_on_a_phone(live_server, live_world, browser):
    world, base = live_world, live_server.url
    desk = log_in(browser, base, world.desk.username, "/staff/dang-nhap/")
    desk.set_viewport_size(WIDE)
    desk.goto(f"{base}/staff/")
    tabs = desk.locator("nav.tabs a")
    assert tabs.count() == 7  # the desk's seven queues
    assert _tabs_fit(desk) == []
    shot(desk, "staff-queues-1366")
    # on a phone: a select names every queue and opens the one chosen
    desk.set_viewport_size(PHONE)
    desk.goto(f"{base}/staff/")
    shot(desk, "staff-queues-390")
    picker = desk.locator("#queue-select")
    expect(picker).to_be_visible()
    assert picker.locator("option").count() == 7
    picker.select_option("apology")
    desk.wait_for_url("**q=apology**")
    expect(desk.locator("#queue-select")).to_have_value("apology")
    expect(desk.locator("#h-queue")).to_be_visible()
    assert desk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_leaders_menu_stays_on_one_line_and_a_specialist_has_no_counter_intake(live_server, live_world, browser):
    world, base = live_world, live_server.url
    world.leader.full_name = "Nguyễn Thị Phương Thảo Hoàng Minh Châu"  # a long name must not push the menu down
    world.leader.save(update_fields=["full_name"])
    leader = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    leader.set_viewport_size(WIDE)
    leader.goto(f"{base}/staff/")
    links = leader.locator(".main-nav a")
    assert links.count() >= 5  # queues, dashboard, reports, evaluation, portal
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    shot(leader, "staff-leader-1366-menu")
    assert len(tops) == 1, "the menu wraps"
    header = leader.locator(".site-header .bar").bounding_box()
    assert header["height"] < 70
    assert _tabs_fit(leader) == []
    shot(leader, "staff-leader-1366")
    specialist = log_in(browser, base, world.specialist.username, "/staff/dang-nhap/")
    specialist.goto(f"{base}/staff/")
    expect(specialist.locator(".main-nav")).not_to_contain_text("Tiếp nhận tại quầy")
    expect(specialist.locator(".main-nav a[href='/staff/tiep-nhan/']")).to_have_count(0)
