"""The catalogue endpoints hold up against generated requests, with a catalogue in the database."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application
from motcua.catalog import services
from motcua.catalog.tests.factories import make_decision, process_content, published

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"^/api/v1/(procedures|fields)"
)


@pytest.fixture
def catalogue(city, field, keep_connection):
    version = published(code="2.000488")
    services.process_define(version=version, agency=city.justice, content=process_content())
    published(code="1.001193", name="Đăng ký khai sinh", level="commune", implementing_agency="UBND cấp xã",
              agency_codes=(), agency_kinds=("ward",), decision=make_decision())  # fmt: skip


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_catalogue_endpoints_conform_to_their_schema(case, catalogue):
    case.call_and_validate()
