"""The staff pages: the request form queues a job, the job page polls its progress with htmx and then shows the
download link and the table."""

import re

from motcua.reports.models import JobState, ReportJob
from motcua.reports.tests.helpers import make_month

URL = "/staff/bao-cao/"


def test_the_form_queues_a_job_and_its_page_shows_the_file_and_the_table(
    world, client, django_capture_on_commit_callbacks
):
    make_month(world)
    client.force_login(world.leader)
    page = client.get(URL)
    assert page.status_code == 200
    assert world.city.justice.code in page.content.decode() and world.city.province.code not in page.content.decode()
    # when the leader asks for Sở Tư pháp's March report as a spreadsheet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"agency": world.city.justice.pk, "date_from": "2026-03-01",
                                     "date_to": "2026-03-31", "format": "xlsx"})  # fmt: skip
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{job.pk}/"
    # then the job is done, and its page links the file and shows the table with its total row
    html = client.get(response["Location"]).content.decode()
    assert f"{URL}{job.pk}/tai-ve/" in html
    assert 'id="report-table"' in html and "Chứng thực" in html and "Hộ tịch" in html
    assert 'hx-trigger="every 1s"' not in html
    total = re.search(r'<tr class="total">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<b>(\d+)</b>", total)[:5] == ["9", "1", "1", "6", "1"]


def test_an_unfinished_job_is_polled_every_second_and_the_page_reloads_when_done(world, client):
    job = ReportJob.objects.create(requested_by=world.leader, agency=world.city.justice, start="2026-03-01",
                                   end="2026-03-31", format="pdf")  # fmt: skip
    client.force_login(world.leader)
    html = client.get(f"{URL}{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html and f"{URL}{job.pk}/tien-do/" in html
    fragment = client.get(f"{URL}{job.pk}/tien-do/", HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment and 'value="0"' in fragment.content.decode()
    ReportJob.objects.filter(pk=job.pk).update(state=JobState.DONE, progress=100)
    fragment = client.get(f"{URL}{job.pk}/tien-do/", HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true"


def test_an_agency_outside_the_scope_is_not_offered(world, client):
    client.force_login(world.leader)
    response = client.post(URL, {"agency": world.city.province.pk, "date_from": "2026-03-01",
                                 "date_to": "2026-03-31", "format": "xlsx"})  # fmt: skip
    assert response.status_code == 200 and not ReportJob.objects.exists()
    assert "agency" in response.context["form"].errors


def test_a_reversed_period_is_an_error_on_the_form(world, client):
    client.force_login(world.leader)
    response = client.post(URL, {"agency": world.city.justice.pk, "date_from": "2026-03-31",
                                 "date_to": "2026-03-01", "format": "xlsx"})  # fmt: skip
    assert response.status_code == 200 and "date_to" in response.context["form"].errors


def test_other_staff_get_403(world, client):
    client.force_login(world.desk)
    assert client.get(URL).status_code == 403
    job = ReportJob.objects.create(requested_by=world.leader, agency=world.city.justice, start="2026-03-01",
                                   end="2026-03-31", format="pdf")  # fmt: skip
    for path in ("", "tien-do/", "tai-ve/"):
        assert client.get(f"{URL}{job.pk}/{path}").status_code == 403


def test_the_nav_links_the_reports_for_leaders_only(world, client):
    client.force_login(world.leader)
    assert f'href="{URL}"' in client.get("/staff/").content.decode()
    client.force_login(world.desk)
    assert f'href="{URL}"' not in client.get("/staff/").content.decode()
