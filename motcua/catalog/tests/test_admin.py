"""The catalogue admin: pages render, writes go through the services, permissions follow the roles."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.accounts.models import User
from motcua.catalog import services
from motcua.catalog.models import InternalProcess, Procedure, ProcedureVersion, ProcessStatus
from motcua.catalog.tests.factories import content, make_decision, process_content, published, step
from motcua.catalog.tests.test_importing import as_json, document
from motcua.orgs.models import Role, StaffRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, city, field):
    user = User.objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_every_catalogue_page_renders(admin_client):
    version = published()
    services.process_define(version=version, agency=version.agencies.get(), content=process_content())
    for name in ("field", "decision", "procedure", "procedureversion", "internalprocess"):
        assert admin_client.get(reverse(f"admin:catalog_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:catalog_{name}_add")).status_code == 200
    assert admin_client.get(reverse("admin:catalog_procedureversion_change", args=[version.pk])).status_code == 200
    assert admin_client.get(reverse("admin:catalog_procedure_change", args=[version.procedure_id])).status_code == 200
    process = InternalProcess.objects.get()
    assert admin_client.get(reverse("admin:catalog_internalprocess_change", args=[process.pk])).status_code == 200


def test_import_page_imports_or_lists_every_error(admin_client):
    bad = document()
    bad["procedures"][0]["limit_unit"] = "ngay"
    response = admin_client.post(reverse("admin:catalog_import"), {"file": SimpleUploadedFile("c.json", as_json(bad))})
    assert response.status_code == 200
    assert "Mục procedures[0], trường “limit_unit”" in response.content.decode()
    assert Procedure.objects.count() == 0
    response = admin_client.post(
        reverse("admin:catalog_import"), {"file": SimpleUploadedFile("c.json", as_json(document()))}
    )
    assert response.status_code == 302
    assert Procedure.objects.count() == 2


def test_export_downloads_the_catalogue(admin_client):
    published()
    response = admin_client.get(reverse("admin:catalog_export"), {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content)["procedures"][0]["code"] == "2.000488"
    xlsx = admin_client.get(reverse("admin:catalog_export"), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_publish_page_calls_the_service(admin_client):
    draft = services.version_create_draft(code="2.000488", content=content())
    decision = make_decision()
    response = admin_client.post(reverse("admin:catalog_version_publish", args=[draft.pk]), {"decision": decision.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_approve_action_reports_the_rule_in_vietnamese(admin_client):
    version = published()
    steps = list(process_content().steps)
    steps[1] = step("appraise", "specialist", "12", unit="HCTP")  # 24 h in all, not the committed 20
    draft = services.process_save_draft(
        version=version, agency=version.agencies.get(), content=process_content(tuple(steps))
    )
    response = admin_client.post(
        reverse("admin:catalog_internalprocess_changelist"),
        {"action": "approve", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Tổng thời gian các bước trên nhánh dài nhất là 24 giờ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ProcessStatus.DRAFT


def test_a_published_version_is_read_only_in_the_admin(admin_client):
    version = published()
    page = admin_client.get(reverse("admin:catalog_procedureversion_change", args=[version.pk])).content.decode()
    assert 'name="name"' not in page
    assert reverse("admin:catalog_version_publish", args=[version.pk]) not in page
    draft = services.version_draft_from(version=version)
    draft_page = admin_client.get(reverse("admin:catalog_procedureversion_change", args=[draft.pk])).content.decode()
    assert 'name="name"' in draft_page
    assert reverse("admin:catalog_version_publish", args=[draft.pk]) in draft_page


def test_an_agency_administrator_sees_only_their_processes_and_cannot_edit_the_catalogue(client, city, field):
    version = published()
    services.process_define(version=version, agency=city.justice, content=process_content())
    admin = User.objects.create(username="qt", is_staff=True)
    StaffRole.objects.create(user=admin, agency=city.wards[0], role=Role.AGENCY_ADMIN)
    client.force_login(admin)
    assert client.get(reverse("admin:catalog_procedureversion_changelist")).status_code == 200
    assert client.get(reverse("admin:catalog_procedureversion_add")).status_code == 403
    listing = client.get(reverse("admin:catalog_internalprocess_changelist")).content.decode()
    assert "2.000488" not in listing
    assert client.get(reverse("admin:catalog_import")).status_code == 403
    assert ProcedureVersion.objects.count() == 1
