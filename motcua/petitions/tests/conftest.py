import pytest

from motcua.catalog.tests.factories import City, make_city
from motcua.dossiers.tests.factories import load_national_calendar
from motcua.orgs.services import agency_set_served


@pytest.fixture
def city(db: None) -> City:
    """The small Hà Nội of the catalog factories, with the national calendar; the centre serves Justice."""
    load_national_calendar()
    town = make_city()
    agency_set_served(centre=town.centre, served=[town.justice])
    return town
