"""The NUL character is refused at the API's door with a 422 (PostgreSQL cannot take it: it would be a 500)."""

import json

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/agencies?root=%00", "/api/v1/procedures?q=a%00b", "/api/v1/agencies?x%00=1"])
def test_a_nul_in_a_query_parameter_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "nul_character"
    assert body["fields"]


@pytest.mark.django_db
def test_a_nul_in_a_json_string_is_refused(client):
    response = client.post(
        "/api/v1/dossiers", data=json.dumps({"procedure": "1.000\u0000"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["body"]


@pytest.mark.django_db
def test_text_without_nul_passes(client):
    assert client.get("/api/v1/procedures", {"q": "Hà Nội"}).status_code == 200
