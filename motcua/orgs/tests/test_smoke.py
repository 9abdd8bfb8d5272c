import pytest

from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create


@pytest.mark.django_db
def test_an_agency_can_be_created():
    agency = agency_create(code="000.00.00.H26", name="UBND thành phố Hà Nội", kind=AgencyKind.PROVINCE)
    assert agency.path == f"/{agency.pk}/"
