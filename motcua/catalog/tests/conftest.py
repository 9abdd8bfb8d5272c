import pytest

from motcua.catalog.search import vocabulary
from motcua.catalog.tests.factories import City, make_city, make_field


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    vocabulary.invalidate()
    yield
    vocabulary.invalidate()


@pytest.fixture
def city(db) -> City:
    return make_city()


@pytest.fixture
def field(db):
    return make_field()
