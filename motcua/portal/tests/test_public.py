"""The public pages: search, procedure, tracking (no login)."""

import pytest

from motcua.core import clock
from motcua.dossiers.services import reception
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_url


def received(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip


def test_home_lists_and_searches_procedures(client, world):
    page = client.get("/")
    assert page.status_code == 200
    assert "Cấp Phiếu lý lịch tư pháp" in page.content.decode()
    found = client.get("/", {"q": "ly lich tu phap"})
    assert "2.000488" in found.content.decode()
    partial = client.get("/", {"q": "ly lich"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = partial.content.decode()
    assert 'id="results"' in body and "<html" not in body


def test_procedure_page_shows_components_fees_limits_and_where_to_file(client, world):
    body = client.get("/thu-tuc/2.000488/").content.decode()
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in body
    assert "200.000 đ" in body
    assert "Trung tâm Phục vụ hành chính công" in body  # the desk serving Sở Tư pháp
    assert "/nop-truc-tuyen/2.000488/" in body
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_tracking_by_code_and_check_digits_shows_status_without_personal_data(client, world):
    dossier = received(world)
    page = client.post("/tra-cuu/", {"code": dossier.code, "factor": "5678"})  # phone 0912345678
    body = page.content.decode()
    assert page.status_code == 200
    assert dossier.code in body and "Nguyễn Văn An" not in body and "001090012345" not in body
    wrong = client.post("/tra-cuu/", {"code": dossier.code, "factor": "1111"})
    assert wrong.status_code == 404
    assert "Không có hồ sơ" in wrong.content.decode() or "No dossier" in wrong.content.decode()


def test_tracking_from_the_qr_code_link(client, world):
    dossier = received(world)
    assert client.get(tracking_url(dossier.code)).status_code == 200
    assert client.get(f"/tra-cuu/{dossier.code}?t=forged-token-xyz").status_code == 404


@pytest.mark.parametrize("factor", ["12", "abcd"])
def test_tracking_check_digits_are_validated_next_to_the_field(client, world, factor):
    body = client.post("/tra-cuu/", {"code": "X", "factor": factor}).content.decode()
    assert 'id="id_factor_error"' in body
