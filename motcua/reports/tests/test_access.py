"""Who may see a report: leaders, inspectors and agency administrators of the agency or above it; others 403."""

import pytest

from motcua.accounts.models import User
from motcua.core.errors import PermissionDenied
from motcua.orgs.models import Role, StaffRole
from motcua.orgs.policy import can_read_figures
from motcua.reports.services import report_job_create, reportable_agencies
from motcua.reports.tests.helpers import MARCH


def user_with(role, agency, name):
    user = User.objects.create(username=name, full_name=name)
    StaffRole.objects.create(user=user, agency=agency, role=role)
    return user


def test_report_roles_see_their_agency_and_below_only(world):
    city = world.city
    inspector = user_with(Role.INSPECTOR, city.province, "thanhtra")
    admin = user_with(Role.AGENCY_ADMIN, city.wards[0], "quantri")
    assert can_read_figures(inspector, city.province) and can_read_figures(inspector, city.justice)
    assert can_read_figures(world.leader, city.justice) and not can_read_figures(world.leader, city.province)
    assert can_read_figures(admin, city.wards[0]) and not can_read_figures(admin, city.wards[1])
    assert {a.code for a in reportable_agencies(world.leader)} == {city.justice.code}
    assert len(reportable_agencies(inspector)) == 5


@pytest.mark.parametrize("who", ["desk", "specialist", "citizen_user"])
def test_desk_officers_specialists_and_applicants_may_not(world, who):
    user = getattr(world, who)
    assert not can_read_figures(user, world.city.justice)
    assert reportable_agencies(user) == []
    with pytest.raises(PermissionDenied):
        report_job_create(actor=user, agency=world.city.justice, start=MARCH[0], end=MARCH[1], fmt="xlsx")


def test_a_system_administrator_may_see_every_report(world):
    root = User.objects.create(username="root", is_superuser=True)
    assert can_read_figures(root, world.city.province)


def test_the_admin_lists_jobs_read_only(world, client):
    from motcua.reports.models import ReportJob

    ReportJob.objects.create(requested_by=world.leader, agency=world.city.justice, start=MARCH[0], end=MARCH[1],
                             format="xlsx")  # fmt: skip
    client.force_login(User.objects.create(username="admin", is_superuser=True, is_staff=True))
    response = client.get("/admin/reports/reportjob/")
    assert response.status_code == 200 and world.city.justice.name in response.content.decode()
    assert client.get("/admin/reports/reportjob/add/").status_code == 403
