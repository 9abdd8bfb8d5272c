"""In Debian's Chromium: a leader asks for a report; the job page polls its progress with htmx and, once the job
is done, reloads with the download link and the table."""

import pytest
from playwright.sync_api import expect

from motcua.portal.tests.conftest import log_in, shot
from motcua.reports.models import ReportJob
from motcua.reports.services import report_job_run
from motcua.reports.tests.helpers import make_month

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_job_page_polls_until_done_then_shows_the_file_and_the_table(live_server, live_world, browser):
    world, base = live_world, live_server.url
    make_month(world)
    leader = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    job = ReportJob.objects.create(requested_by=world.leader, agency=world.city.justice, start="2026-03-01",
                                   end="2026-03-31", format="xlsx")  # fmt: skip
    leader.goto(f"{base}/staff/bao-cao/{job.pk}/")
    expect(leader.locator("#job-progress progress")).to_have_attribute("value", "0")
    expect(leader.locator("#download")).to_have_count(0)
    # when the worker builds the file, the next poll (every second) reloads the page
    report_job_run(job_id=job.pk)
    expect(leader.locator("#download")).to_be_visible(timeout=5000)
    expect(leader.locator("#report-table tfoot")).to_contain_text("9")
    expect(leader.locator("#report-table")).to_contain_text("Chứng thực")
    shot(leader, "60-staff-report-job")
    with leader.expect_download() as download:
        leader.locator("#download").click()
    assert download.value.suggested_filename == f"bao-cao-{world.city.justice.code}-20260301-20260331.xlsx"


def test_the_form_in_the_browser(live_server, live_world, browser):
    world, base = live_world, live_server.url
    leader = log_in(browser, base, world.leader.username, "/staff/dang-nhap/")
    leader.goto(f"{base}/staff/")
    leader.get_by_role("link", name="Báo cáo").click()
    expect(leader.locator("#report-form")).to_be_visible()
    leader.fill("#id_date_from", "2026-03-01")
    leader.fill("#id_date_to", "2026-03-31")
    leader.select_option("#id_format", "pdf")
    shot(leader, "59-staff-report-form")
    leader.locator("#report-form button[type=submit]").click()
    expect(leader.locator("#download")).to_be_visible(timeout=10000)
    expect(leader.locator("#report-table")).to_contain_text("Không có số liệu trong kỳ này.")
