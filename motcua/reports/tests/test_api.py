"""GET /api/v1/reports/handling, POST /api/v1/reports/jobs, GET /api/v1/reports/jobs/{id}[/file]."""

import pytest

from motcua.accounts.tokens import token_issue
from motcua.metrics.measures import M
from motcua.metrics.scope import Scope
from motcua.metrics.selectors import measure_sums
from motcua.reports.table import KEYS
from motcua.reports.tests.helpers import MARCH, make_month

URL = "/api/v1/reports/handling"
MARCH_QS = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture
def leader(world, client):
    _token, secret = token_issue(user=world.leader, name="báo cáo")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_report_as_json_totals_its_rows_and_matches_the_index(world, client, leader):
    make_month(world)
    response = client.get(URL, {"agency": world.city.justice.code, **MARCH_QS}, **leader)
    assert response.status_code == 200
    data = response.json()
    assert (data["agency"], data["from"], data["to"], data["field"]) == (
        world.city.justice.code, "2026-03-01", "2026-03-31", None,
    )  # fmt: skip
    assert [(r["agency"], r["field"], r["field_name"]) for r in data["rows"]] == [
        (world.city.justice.code, "TP-CT", "Chứng thực"), (world.city.justice.code, "TP-HT", "Hộ tịch"),
    ]  # fmt: skip
    for key in KEYS:
        assert data["total"][key] == sum(r[key] for r in data["rows"])
    sums = measure_sums(scope=Scope(world.city.justice), start=MARCH[0], end=MARCH[1])
    assert data["total"]["new_online"] + data["total"]["new_counter"] + data["total"]["new_postal"] == sums.flow(
        M.RECEIVED
    )
    assert data["total"]["in_progress_overdue"] == sums.stock(M.OPEN_OVERDUE)
    one = client.get(URL, {"agency": world.city.justice.code, "field": "TP-CT", **MARCH_QS}, **leader).json()
    assert one["field"] == "TP-CT" and len(one["rows"]) == 1 and one["total"]["resolved_late"] == 1


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"agency": "000.00.99.H26", **MARCH_QS}, 404, "not_found"),
        ({"agency": "000.00.10.H26", "field": "XX", **MARCH_QS}, 404, "field_not_found"),
        ({"agency": "000.00.10.H26", "from": "2026-03-31", "to": "2026-03-01"}, 422, "invalid"),
        ({"agency": "000.00.10.H26", "from": "2026-02-30", "to": "2026-03-01"}, 422, "invalid"),
        ({"agency": "000.00.10.H26", "from": "2026-3-1", "to": "2026-03-01"}, 422, "invalid"),
        ({"agency": "000.00.10.H26", "from": "2020-01-01", "to": "2026-03-01"}, 422, "invalid"),
        ({"agency": "000.00.10.H26", "from": "2026-03-01"}, 422, "invalid"),
        ({"agency": "000.00\x00", **MARCH_QS}, 422, "nul_character"),
        ({"agency": "000.00.10.H26", "field": "TP\x00", **MARCH_QS}, 422, "nul_character"),
    ],
)
def test_errors_have_the_project_shape(world, client, leader, params, status, code):
    response = client.get(URL, params, **leader)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and set(body) == {"code", "message", "fields"}


def test_who_may_not_see_it(world, client):
    assert client.get(URL, {"agency": world.city.justice.code, **MARCH_QS}).status_code == 401
    _token, secret = token_issue(user=world.desk, name="quầy")
    response = client.get(URL, {"agency": world.city.justice.code, **MARCH_QS}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    _token, secret = token_issue(user=world.leader, name="sở")
    response = client.get(URL, {"agency": world.city.province.code, **MARCH_QS}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 403


def test_a_job_through_the_api(world, client, leader, django_capture_on_commit_callbacks):
    make_month(world)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/reports/jobs",
            {"agency": world.city.justice.code, "from": "2026-03-01", "to": "2026-03-31", "format": "pdf"},
            content_type="application/json", **leader,
        )  # fmt: skip
    assert created.status_code == 201
    job = client.get(f"/api/v1/reports/jobs/{created.json()['id']}", **leader).json()
    assert (job["state"], job["progress"], job["rows"], job["format"]) == ("done", 100, 2, "pdf")
    assert job["download_url"] == f"/api/v1/reports/jobs/{job['id']}/file"
    file = client.get(job["download_url"], **leader)
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf" and file.content[:4] == b"%PDF"


def test_a_job_of_someone_else_or_unknown(world, client, leader):
    missing = client.get("/api/v1/reports/jobs/00000000-0000-0000-0000-000000000000", **leader)
    assert missing.status_code == 404
    bad = client.post("/api/v1/reports/jobs", {"agency": world.city.justice.code, "from": "2026-03-31",
                                               "to": "2026-03-01"}, content_type="application/json", **leader)  # fmt: skip
    assert bad.status_code == 422
