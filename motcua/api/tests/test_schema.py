"""The OpenAPI 3 schema is valid, and every operation holds up against generated requests."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from config.wsgi import application


@pytest.mark.django_db
def test_the_generated_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/api/v1/agencies" in spec["paths"]
    assert "/api/v1/me" in spec["paths"]


def test_the_docs_page_is_served(client):
    assert client.get("/api/v1/docs").status_code == 200


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
