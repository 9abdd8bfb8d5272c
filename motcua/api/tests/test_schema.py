"""The OpenAPI 3 schema is valid, and every operation holds up against generated requests."""

import pytest
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate

from motcua.api.tests import fuzzing

# Requests go straight to the WSGI app: the test's connection stays open between them.
pytestmark = pytest.mark.usefixtures("keep_connection")


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


schema = fuzzing.load()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    # Every check is on: a schema-valid request is never refused with a 422 (see ``fuzzing`` for the two rules
    # between parameters that OpenAPI cannot state).
    case.call_and_validate()


@pytest.fixture
def staff_headers(db, settings, tmp_path):
    """A desk officer's bearer token, in a world with one received dossier."""
    from motcua.accounts.tokens import token_issue
    from motcua.core import clock
    from motcua.dossiers.services.reception import dossier_intake_at_desk
    from motcua.dossiers.tests.factories import make_world, vn

    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
    _token, fuzzing.Token.secret = token_issue(user=world.desk, name="fuzz")


authenticated = fuzzing.load(with_token=True)


@authenticated.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_when_authenticated(case, staff_headers):
    # Every check, with the desk officer's bearer token.
    case.call_and_validate()


STATEFUL = settings(max_examples=8, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.django_db
def test_sequences_of_calls_conform_anonymously():
    # The stateful phase: schemathesis chains operations by the links it infers (an id a response gives, used by the
    # next call) and runs every check on each step.
    schema.as_state_machine().run(settings=STATEFUL)


def test_sequences_of_calls_conform_with_a_token(staff_headers):
    authenticated.as_state_machine().run(settings=STATEFUL)


def test_every_schema_name_is_used_once():
    # The OpenAPI components are keyed by class name: two `Schema` classes with one name in different routers
    # would silently share one entry, and responses of one would be documented with the other's fields.
    import importlib
    import pkgutil

    from ninja import Schema

    import motcua.api

    owners: dict[str, str] = {}
    clashes = []
    for module_info in pkgutil.iter_modules(motcua.api.__path__):
        module = importlib.import_module(f"motcua.api.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == module.__name__:
                if name in owners and owners[name] != module.__name__:
                    clashes.append(f"{name}: {owners[name]} and {module.__name__}")
                owners[name] = module.__name__
    assert not clashes
