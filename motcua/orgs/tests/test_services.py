import pytest

from motcua.core.errors import ValidationFailed
from motcua.orgs import selectors, services
from motcua.orgs.models import Agency, AgencyKind
from motcua.orgs.tests.factories import make_world

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree_and_moves_update_the_whole_subtree():
    world = make_world()
    assert world.child.path == f"{world.centre.path}{world.child.pk}/"
    # when the centre moves under the department, its child's path follows
    services.agency_update(agency=world.centre, parent=world.served)
    world.child.refresh_from_db()
    assert world.child.path == f"/{world.province.pk}/{world.served.pk}/{world.centre.pk}/{world.child.pk}/"


def test_a_loop_is_refused_and_nothing_changes():
    world = make_world()
    with pytest.raises(ValidationFailed) as caught:
        services.agency_update(agency=world.centre, parent=world.child)
    assert caught.value.code == "agency_loop"
    world.centre.refresh_from_db()
    assert world.centre.parent_id == world.province.pk


def test_an_agency_cannot_be_its_own_parent():
    world = make_world()
    with pytest.raises(ValidationFailed):
        services.agency_update(agency=world.served, parent=world.served)


def test_duplicate_identifier_code_is_refused():
    make_world()
    with pytest.raises(ValidationFailed) as caught:
        services.agency_create(code="000.00.10.H26", name="Trùng mã", kind=AgencyKind.DEPARTMENT)
    assert "code" in caught.value.fields
    assert Agency.objects.filter(code="000.00.10.H26").count() == 1


def test_malformed_identifier_code_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        services.agency_create(code="H26-10", name="Sai mã", kind=AgencyKind.DEPARTMENT)
    assert "code" in caught.value.fields
    assert not Agency.objects.exists()


def test_only_a_one_stop_centre_serves_other_agencies():
    world = make_world()
    with pytest.raises(ValidationFailed) as caught:
        services.agency_set_served(centre=world.served, served=[world.sibling])
    assert caught.value.code == "not_a_centre"
    assert not world.served.served_agencies.exists()


def test_a_merged_commune_keeps_its_history_readable():
    world = make_world()
    old_a = services.agency_create(
        code="000.01.20.H26",
        name="Phường Hàng Bạc",
        kind=AgencyKind.WARD,
        parent=world.province,
        is_active=False,
    )
    old_b = services.agency_create(
        code="000.02.20.H26",
        name="Phường Hàng Trống",
        kind=AgencyKind.WARD,
        parent=world.province,
        is_active=False,
    )
    new = services.agency_create(
        code="000.01.90.H26", name="Phường Hoàn Kiếm", kind=AgencyKind.WARD, parent=world.province
    )
    services.agency_set_predecessors(agency=new, predecessors=[old_a, old_b])
    assert {a.code for a in selectors.agency_lineage(new)} == {new.code, old_a.code, old_b.code}
    assert list(old_a.successors.all()) == [new]


def test_tree_selector_nests_children_under_parents():
    world = make_world()
    tree = selectors.agency_tree()
    roots = {node["code"]: node for node in tree}
    assert set(roots) == {world.province.code, world.other_province.code}
    hanoi_children = {c["code"] for c in roots[world.province.code]["children"]}
    assert hanoi_children == {world.centre.code, world.served.code, world.sibling.code}
