"""In Debian's Chromium: a leader opens the dashboard and drills from the overdue count to the overdue dossiers, and
sets a target; an inspector sees the subtree read-only; the public index page loads without login."""

import re

import pytest
from playwright.sync_api import expect

from motcua.dashboard.tests.conftest import make_inspector, make_story
from motcua.portal.tests.conftest import SHOTS, log_in, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shots(page, name: str) -> None:
    """Desktop and 360 px screenshots; the charts are given time to redraw at the new width."""
    shot(page, name)
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 780})
    page.wait_for_timeout(400)
    page.screenshot(path=f"{SHOTS}/{name}-360.png", full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(400)


def test_a_leader_drills_from_the_overdue_count_to_the_overdue_dossiers(live_server, live_world, browser):
    world, base = live_world, live_server.url
    story = make_story(world)
    page = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    page.get_by_role("link", name="Bảng điều hành").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tư pháp")
    # this year to date: the two March dossiers never finished are overdue now
    expect(page.locator("#n-overdue")).to_have_text("2")
    expect(page.locator("#rating-sentence")).to_have_text("2 / 3 hồ sơ được đánh giá (66,66%), 50% hài lòng")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-index') && Chart.getChart('chart-counts')")
    shots(page, "40-dashboard-leader")

    page.locator("#n-overdue").click()
    expect(page.locator("#drill-count")).to_have_text("2")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quá hạn")
    rows = page.locator("#drill-list tbody tr")
    expect(rows).to_have_count(2)
    for dossier in story.overdue:
        expect(page.get_by_role("link", name=dossier.code)).to_be_visible()
    shot(page, "41-dashboard-drill-overdue", mobile=True)
    # each row opens the staff dossier page
    page.get_by_role("link", name=story.overdue[0].code).click()
    expect(page).to_have_url(re.compile(rf"/staff/ho-so/{story.overdue[0].pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(story.overdue[0].code)

    # back on the dashboard, the leader raises the on-time target (htmx swaps the card) and sees the gap
    page.go_back()
    page.go_back()
    page.locator("#target-on_time_share .edit-target").click()
    expect(page.locator("#target-form")).to_be_visible()
    page.locator("#id_threshold").fill("99,5")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.locator("#target-form")).to_have_count(0)
    row = page.locator("#target-on_time_share")
    expect(row).to_contain_text("99,50%")
    expect(row).to_contain_text("cơ quan này")
    expect(row.locator(".badge.t-late")).to_be_visible()
    shot(page, "42-dashboard-target-set")


def test_an_inspector_sees_the_subtree_read_only(live_server, live_world, browser):
    world, base = live_world, live_server.url
    make_story(world)
    inspector = make_inspector(world)
    page = log_in(browser, base, inspector.username, "/staff/dang-nhap/")
    page.goto(f"{base}/staff/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("UBND thành phố Hà Nội")
    ranking = page.locator("#ranking")
    expect(ranking.get_by_role("link", name=world.city.justice.name)).to_be_visible()
    page.get_by_role("link", name="Cấp xã, phường").click()
    for ward in world.city.wards:
        expect(ranking.get_by_role("link", name=ward.name)).to_be_visible()
    expect(page.locator(".edit-target")).to_have_count(0)
    expect(page.locator("#target-form")).to_have_count(0)
    page.locator("#trend-card details summary").click()
    shots(page, "43-dashboard-inspector")
    # down to a child of the subtree, still read-only
    page.get_by_role("link", name="Khối sở, ban, ngành").click()
    ranking.get_by_role("link", name=world.city.justice.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tư pháp")
    expect(page.locator(".edit-target")).to_have_count(0)


def test_the_public_index_page_loads_without_login(live_server, live_world, browser):
    world, base = live_world, live_server.url
    make_story(world)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    response = page.goto(f"{base}/chi-so/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("UBND thành phố Hà Nội")
    expect(page.locator("#public-ranking")).to_contain_text("Sở Tư pháp")
    expect(page.locator("#summary")).to_contain_text("hồ sơ được đánh giá")
    shot(page, "44-public-index", mobile=True)
    page.locator("#public-ranking").get_by_role("link", name=world.city.justice.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tư pháp")
    expect(page.locator("#agency-ratings")).to_have_text("2 / 3 hồ sơ được đánh giá (66,66%), 50% hài lòng")
    shot(page, "45-public-agency", mobile=True)
