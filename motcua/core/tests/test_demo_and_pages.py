import io

import pytest
from django.core.management import call_command

from motcua.accounts.models import Applicant, User
from motcua.orgs.models import Agency, StaffRole, Unit

pytestmark = pytest.mark.django_db


def counts():
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.models import Dossier, DossierEvent

    models = (Agency, Unit, User, StaffRole, Applicant, ProcedureVersion, Dossier, DossierEvent)
    return tuple(m.objects.count() for m in models)


def test_the_demo_loads_hanoi_and_running_it_twice_changes_nothing():
    out = io.StringIO()
    call_command("demo", "--no-migrate", stdout=out)
    first = counts()
    assert Agency.objects.filter(kind__in=["ward", "commune"], is_active=True).count() == 126
    assert Agency.objects.get(code="000.00.01.H26").served_agencies.count() == 8
    assert "motcua.tphn" in out.getvalue()
    from motcua.dossiers.models import Dossier

    states = set(Dossier.objects.values_list("state", flat=True))
    assert {"returned", "in_progress", "paused", "submitted", "refused"} <= states
    call_command("demo", "--no-migrate", stdout=io.StringIO())
    assert counts() == first


def test_demo_logins_work(client):
    call_command("demo", "--no-migrate", stdout=io.StringIO())
    from motcua.accounts.demo import DEMO_PASSWORD

    for username in ("motcua.tphn", "thanhtra.hn", "001090012345"):
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
    # staff pickers show real job titles: the deputy director is not "Chuyên viên"
    assert StaffRole.objects.get(user__username="sotp.pgd").job_title == "Phó Giám đốc"


def test_home_and_health(client):
    assert "Hệ thống thông tin" in client.get("/").text
    assert client.get("/healthz").json()["status"] == "ok"


def test_english_is_available(client):
    client.cookies["django_language"] = "en"
    assert "Administrative procedure information system" in client.get("/").text


def test_the_admin_is_in_vietnamese(client):
    User.objects.create_superuser("root", "root@example.vn", "pw")
    client.login(username="root", password="pw")
    response = client.get("/admin/orgs/agency/")
    assert response.status_code == 200
    assert "cơ quan" in response.text.lower()
