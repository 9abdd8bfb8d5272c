"""In Debian's Chromium at 1366 px and 390 px: the searchable agency picker of the evaluation and the reports, the
evaluation's named columns and its units without dossiers apart (issue 13, items 21 and 22)."""

import pytest
from playwright.sync_api import expect

from motcua.portal.tests.conftest import browser_type_launch_args, live_world, log_in, shot, with_password  # noqa: F401
from motcua.reports.tests.test_agency_order import numbered
from motcua.scoring.tests.helpers import handled, vn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visible_options(page, select: str) -> list[str]:
    return page.eval_on_selector_all(
        f"{select} option", "os => os.filter(o => !o.hidden).map(o => o.textContent.trim())"
    )


def test_the_agency_picker_filters_as_one_types_and_the_columns_are_named(live_server, live_world, browser):  # noqa: F811
    world, base = live_world, live_server.url
    handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10))
    inspector = numbered(world)
    with_password(inspector)
    page = log_in(browser, base, inspector.username, "/staff/dang-nhap/")
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{base}/staff/danh-gia/?agency={world.city.province.code}&year=2026&quarter=1")
    # the columns say what they are
    heads = page.locator("table.scores thead th.indicator")
    expect(heads.first).to_contain_text("1.")
    assert len(heads.first.inner_text().strip()) > 3
    assert heads.first.locator("abbr").get_attribute("title").startswith("1. ")
    # wards without dossiers are not ranked; they are named apart
    expect(page.locator("table.scores tbody")).not_to_contain_text("Phường Hoàn Kiếm")
    expect(page.locator("#idle-units")).to_contain_text("Phường Hoàn Kiếm")
    shot(page, "staff-scoring-1366")
    # the picker: typing without marks finds the agency
    search = page.locator("#sc-agency-search")
    expect(search).to_be_visible()
    search.fill("tu phap")
    assert [o.lstrip("— ") for o in visible_options(page, "#sc-agency")] == ["Sở Tư pháp"]
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "staff-scoring-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the same picker on the report form
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{base}/staff/bao-cao/")
    page.locator("#id_agency-search").fill("hoan kiem")
    assert [o.lstrip("— ") for o in visible_options(page, "#id_agency") if o != "---------"] == [
        f"Phường Hoàn Kiếm ({world.city.wards[0].code})"
    ]
    expect(page.locator("#id_agency")).to_have_value(str(world.city.wards[0].pk))
    shot(page, "staff-reports-picker-1366")
