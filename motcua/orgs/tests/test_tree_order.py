"""Agency lists follow the tree and the official order among siblings, not database ids (issue 13, item 21)."""

import pytest

from motcua.orgs import services
from motcua.orgs.models import Agency, AgencyKind
from motcua.orgs.selectors import agencies_in_tree_order, name_key

pytestmark = pytest.mark.django_db


def test_the_tree_then_the_official_order_then_kind_and_name():
    # given a city whose agencies were created in no useful order
    city = services.agency_create(code="000.00.00.H26", name="UBND thành phố Hà Nội", kind=AgencyKind.PROVINCE)
    ward = services.agency_create(code="000.01.90.H26", name="Phường Hoàn Kiếm", kind=AgencyKind.WARD, parent=city)
    health = services.agency_create(
        code="000.00.17.H26", name="Sở Y tế", kind=AgencyKind.DEPARTMENT, parent=city, official_order=9
    )
    justice = services.agency_create(
        code="000.00.10.H26", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=city, official_order=3
    )
    unit = services.agency_create(code="000.01.10.H26", name="Chi cục", kind=AgencyKind.OTHER, parent=justice)
    home = services.agency_create(code="000.02.90.H26", name="Phường Ba Đình", kind=AgencyKind.WARD, parent=city)
    centre = services.agency_create(
        code="000.00.01.H26", name="Trung tâm PVHCC", kind=AgencyKind.ONE_STOP_CENTRE, parent=city
    )
    # when they are listed
    listed = agencies_in_tree_order(Agency.objects.order_by("?"))
    # then: the city, the numbered ones in their order (each followed by its children), then the centre before
    # the wards, the wards by name ("Ba Đình" before "Hoàn Kiếm")
    assert [a.name for a in listed] == [
        city.name, justice.name, unit.name, health.name, centre.name, home.name, ward.name,
    ]  # fmt: skip


def test_names_sort_without_their_marks():
    assert sorted(["Ủy ban", "Đống Đa", "Ba Vì", "Dịch Vọng"], key=name_key) == [
        "Ba Vì",
        "Dịch Vọng",
        "Đống Đa",
        "Ủy ban",
    ]
