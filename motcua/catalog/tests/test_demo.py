"""The demo catalogue: at least 40 real procedures in at least 8 fields, each with an approved process,
loaded through the importer, idempotently."""

import io
import json

import pytest

from motcua.catalog import demo, selectors
from motcua.catalog.models import InternalProcess, Procedure, ProcessStatus
from motcua.catalog.tests.factories import make_staff
from motcua.core import clock
from motcua.orgs.models import Agency, AgencyKind, Role
from motcua.orgs.services import agency_create, unit_create

pytestmark = pytest.mark.django_db

DEPARTMENTS = {
    "000.00.10.H26": ["HCTP", "BTTP"],
    "000.00.11.H26": ["QLXD"],
    "000.00.12.H26": ["DKKD"],
    "000.00.13.H26": ["QLDD"],
    "000.00.14.H26": ["QLTM"],
    "000.00.15.H26": ["GDTX"],
    "000.00.16.H26": ["LDVL"],
    "000.00.17.H26": ["NVD"],
}


@pytest.fixture
def hanoi(db):
    """The agencies of the orgs demo that the catalogue names, staffed like the accounts demo."""
    province = agency_create(code="000.00.00.H26", name="UBND thành phố Hà Nội", kind=AgencyKind.PROVINCE)
    centre = agency_create(
        code="000.00.01.H26", name="Trung tâm PVHCC", kind=AgencyKind.ONE_STOP_CENTRE, parent=province
    )
    make_staff(centre, unit_create(agency=centre, code="MC", name="Bộ phận một cửa"), Role.DESK_OFFICER)
    for code, units in DEPARTMENTS.items():
        department = agency_create(code=code, name=f"Sở {code}", kind=AgencyKind.DEPARTMENT, parent=province)
        make_staff(department, None, Role.LEADER)
        for unit_code in units:
            unit = unit_create(agency=department, code=unit_code, name=unit_code)
            make_staff(department, unit, Role.SPECIALIST)
            make_staff(department, unit, Role.LEADER)
    for code, kind in (("000.01.90.H26", AgencyKind.WARD), ("000.02.90.H26", AgencyKind.COMMUNE)):
        commune = agency_create(code=code, name=f"UBND {code}", kind=kind, parent=province)
        make_staff(commune, None, Role.LEADER)
        make_staff(commune, unit_create(agency=commune, code="MC", name="MC"), Role.DESK_OFFICER)
        for unit_code in ("VHXH", "KT"):
            unit = unit_create(agency=commune, code=unit_code, name=unit_code)
            make_staff(commune, unit, Role.SPECIALIST)
            make_staff(commune, unit, Role.LEADER)
    return province


def test_the_demo_catalogue_loads_and_every_procedure_can_be_used(hanoi):
    out = io.StringIO()
    demo.load(out)
    today = clock.today()
    current = [selectors.procedure_version_valid_on(p, today) for p in Procedure.objects.all()]
    assert len(current) >= 40
    assert len({v.field_id for v in current}) >= 8
    ward, commune = Agency.objects.get(code="000.01.90.H26"), Agency.objects.get(code="000.02.90.H26")
    for version in current:
        for agency in list(version.agencies.all()) or [ward, commune]:
            resolved = selectors.process_for(version, agency)
            assert resolved.steps[0].kind == "receive" and resolved.steps[-1].kind == "return"
    assert "Catalogue:" in out.getvalue()


def test_loading_the_demo_twice_changes_nothing(hanoi):
    demo.load(io.StringIO())
    approved = list(InternalProcess.objects.filter(status=ProcessStatus.APPROVED).values_list("pk", flat=True))
    out = io.StringIO()
    demo.load(out)
    assert "không có gì thay đổi" in out.getvalue()
    assert list(InternalProcess.objects.filter(status=ProcessStatus.APPROVED).values_list("pk", flat=True)) == approved


def test_the_demo_names_the_agencies_of_the_orgs_demo():
    document = json.loads(demo.DATA.read_bytes())
    assert demo.needed_agencies(document) == {"000.00.00.H26", "000.00.01.H26", *DEPARTMENTS}


def test_a_missing_agency_is_a_clear_error(db):
    with pytest.raises(RuntimeError, match="missing: 000.00.00.H26"):
        demo.load(io.StringIO())
