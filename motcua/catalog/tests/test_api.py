"""The public catalogue API: search, one procedure with its process, fields; errors in the common shape."""

import pytest

from motcua.catalog import services
from motcua.catalog.tests.factories import JUSTICE, make_decision, process_content, published, table_fee

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(city, field):
    version = published(
        code="2.000488",
        fees=(table_fee(),),
        online_level="partial",
        partial_reason="Phải xuất trình bản chính",
    )
    services.process_define(version=version, agency=city.justice, content=process_content())
    published(code="1.001193", name="Đăng ký khai sinh", level="commune", implementing_agency="UBND cấp xã",
              agency_codes=(), agency_kinds=("ward",), decision=make_decision())  # fmt: skip
    return version


def test_search_is_paginated_and_filtered(client, catalogue):
    response = client.get("/api/v1/procedures", {"q": "dang ky khai sinh", "page_size": 5})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["page_size"]) == (1, 1, 5)
    item = body["items"][0]
    assert (item["code"], item["level"], item["field"]["code"]) == ("1.001193", "commune", "TP-HT")
    assert (item["committed_limit"]["amount"], item["committed_limit"]["unit"]) == (2.5, "working_day")
    assert client.get("/api/v1/procedures", {"level": "province"}).json()["count"] == 1
    assert client.get("/api/v1/procedures", {"agency": JUSTICE}).json()["items"][0]["code"] == "2.000488"


@pytest.mark.parametrize(
    "params",
    [
        {"level": "district"},
        {"page": 0},
        {"page_size": 1000},
        {"agency": "Sở Tư pháp"},
        {"q": "x" * 201},
        {"field": "a b"},
        {"online_level": "maybe"},
    ],
)
def test_bad_parameters_are_a_422_in_the_common_shape(client, params):
    response = client.get("/api/v1/procedures", params)
    assert response.status_code == 422
    assert set(response.json()) == {"code", "message", "fields"}


def test_detail_has_components_fees_limits_channels_and_the_process(client, catalogue):
    response = client.get("/api/v1/procedures/2.000488")
    assert response.status_code == 200
    body = response.json()
    assert body["statutory_limit"]["amount"] == 3 and body["committed_limit"]["amount"] == 2.5
    assert body["online_level"] == "partial" and body["partial_reason"] == "Phải xuất trình bản chính"
    assert body["channels"] == ["counter", "online", "postal"]
    assert body["components"][0]["originals"] == 1
    assert body["fees"][0]["rows"][1] == {"label": "Từ trang thứ ba", "amount": 1000}
    assert body["publication"]["valid_from"] == "2025-06-20"
    (process,) = body["processes"]
    assert process["agency"]["code"] == JUSTICE and process["total_hours"] == 20
    assert [(s["kind"], s["unit_code"], s["duration_hours"]) for s in process["steps"]] == [
        ("receive", "MC", 4),
        ("appraise", "HCTP", 8),
        ("decide", "HCTP", 4),
        ("return", "MC", 4),
    ]
    assert process["steps"][1]["unit_name"] == "Phòng Hành chính tư pháp"


def test_an_unknown_code_is_a_404(client, catalogue):
    response = client.get("/api/v1/procedures/9.999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_fields_count_the_procedures_in_force(client, catalogue):
    response = client.get("/api/v1/fields")
    assert response.status_code == 200
    assert response.json() == [{"code": "TP-HT", "name": "Hộ tịch", "sector": "Tư pháp", "procedure_count": 2}]


def test_the_schema_lists_the_catalogue(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/procedures", "/api/v1/procedures/{code}", "/api/v1/fields"} <= set(paths)
    assert "404" in paths["/api/v1/procedures/{code}"]["get"]["responses"]
