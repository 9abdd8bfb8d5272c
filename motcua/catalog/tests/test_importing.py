"""Import and export: every row checked, errors in Vietnamese with row and column, all or nothing,
re-import changes nothing, and an export reads back unchanged."""

import copy
import io
import json

import pytest
from openpyxl import load_workbook

from motcua.catalog import selectors
from motcua.catalog.exporting import document_xlsx, export_json, export_xlsx
from motcua.catalog.importing import ImportFailed, catalog_import
from motcua.catalog.models import Decision, Field, InternalProcess, Procedure, ProcedureVersion, ProcessStatus
from motcua.catalog.tests.factories import CENTRE, JUSTICE

pytestmark = pytest.mark.django_db


def document():
    return {
        "format": "motcua-catalog",
        "version": 1,
        "fields": [
            {"code": "TP-LLTP", "name": "Lý lịch tư pháp", "sector": "Tư pháp"},
            {"code": "TP-HT", "name": "Hộ tịch", "sector": "Tư pháp"},
        ],
        "decisions": [
            {
                "number": "1234/QĐ-UBND",
                "signed_on": "2025-06-20",
                "signer": "Phó Chủ tịch UBND thành phố",
                "effective_on": "2025-07-01",
                "issuer": "000.00.00.H26",
                "made_public_on": "2025-06-25",
            },
        ],
        "procedures": [
            {
                "code": "2.000488",
                "version": 1,
                "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
                "field": "TP-LLTP",
                "level": "province",
                "implementing_agency": "Sở Tư pháp",
                "agencies": [JUSTICE],
                "limit_amount": 3,
                "limit_unit": "working_day",
                "committed_amount": 2.5,
                "results": ["Phiếu lý lịch tư pháp số 1"],
                "decision": "1234/QĐ-UBND",
                "basis_effective_on": "2025-07-01",
                "sequence": "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
                "legal_bases": [
                    {"number": "28/2009/QH12", "title": "Luật Lý lịch tư pháp", "effective_on": "2010-07-01"}
                ],
                "components": [
                    {
                        "name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                        "originals": 1,
                        "form_name": "Mẫu số 03/2013/TT-LLTP",
                    },
                    {"name": "Bản chụp giấy tờ tùy thân", "copies": 1, "from_data_store": True},
                ],
                "fees": [
                    {
                        "kind": "charge",
                        "name": "Lệ phí cấp Phiếu lý lịch tư pháp",
                        "amount": 200000,
                        "legal_basis": "Thông tư 244/2016/TT-BTC",
                    }
                ],
                "processes": [
                    {
                        "agency": JUSTICE,
                        "steps": [
                            {
                                "kind": "receive",
                                "role": "desk_officer",
                                "duration": 4,
                                "duration_unit": "working_hour",
                                "agency": CENTRE,
                                "unit": "MC",
                            },
                            {
                                "kind": "appraise",
                                "role": "specialist",
                                "duration": 8,
                                "duration_unit": "working_hour",
                                "unit": "HCTP",
                            },
                            {
                                "kind": "decide",
                                "role": "leader",
                                "duration": 1,
                                "duration_unit": "half_day",
                                "unit": "HCTP",
                            },
                            {
                                "kind": "return",
                                "role": "desk_officer",
                                "duration": 4,
                                "duration_unit": "working_hour",
                                "agency": CENTRE,
                                "unit": "MC",
                            },
                        ],
                    }
                ],
            },
            {
                "code": "2.000815",
                "version": 1,
                "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
                "field": "TP-HT",
                "level": "commune",
                "implementing_agency": "UBND cấp xã",
                "agency_kinds": ["commune", "ward"],
                "applicant_kinds": ["citizen", "organisation"],
                "limit_amount": 1,
                "limit_unit": "working_day",
                "limit_note": "Trong ngày; sau 15 giờ thì ngày làm việc tiếp theo.",
                "channels": ["counter", "online"],
                "online_level": "partial",
                "partial_reason": "Người yêu cầu phải xuất trình bản chính",
                "decision": "1234/QĐ-UBND",
                "components": [
                    {"name": "Bản chính giấy tờ, văn bản", "originals": 1},
                    {"name": "Bản sao cần chứng thực", "copies": 1},
                ],
                "fees": [
                    {
                        "kind": "fee",
                        "name": "Phí chứng thực bản sao",
                        "rows": [
                            {"label": "Trang thứ nhất và thứ hai", "amount": 2000},
                            {"label": "Từ trang thứ ba", "amount": 1000},
                        ],
                    }
                ],
                "processes": [
                    {
                        "steps": [
                            {
                                "kind": "receive",
                                "role": "desk_officer",
                                "duration": 2,
                                "duration_unit": "working_hour",
                                "unit": "MC",
                            },
                            {
                                "kind": "decide",
                                "role": "leader",
                                "duration": 4,
                                "duration_unit": "working_hour",
                                "unit": "VHXH",
                            },
                            {
                                "kind": "return",
                                "role": "desk_officer",
                                "duration": 2,
                                "duration_unit": "working_hour",
                                "unit": "MC",
                            },
                        ]
                    }
                ],
            },
        ],
    }


def as_json(doc):
    return json.dumps(doc, ensure_ascii=False).encode()


def snapshot():
    return {
        "procedures": list(Procedure.objects.values_list("code", "status", "updated_at").order_by("code")),
        "versions": list(ProcedureVersion.objects.values_list("pk", "status", "valid_from", "valid_to", "updated_at")),
        "processes": list(InternalProcess.objects.values_list("pk", "status").order_by("pk")),
        "decisions": list(Decision.objects.values_list("number", "made_public_on", "updated_at")),
        "fields": list(Field.objects.values_list("code", "name", "updated_at")),
    }


def test_a_valid_file_imports_procedures_and_approved_processes(city):
    report = catalog_import(as_json(document()), filename="catalogue.json")
    assert report.counts == {"fields": 2, "decisions": 1, "versions": 2, "publications": 2, "processes": 2}
    version = selectors.procedure_version_valid_on(Procedure.objects.get(code="2.000488"), selectors.clock.today())
    assert (version.committed_amount, version.components.count(), version.fees.get().amount) == (2.5, 2, 200000)
    assert selectors.process_for(version, city.justice).total_hours == 20
    ward_version = ProcedureVersion.objects.get(procedure__code="2.000815")
    assert [s.unit.agency for s in selectors.process_for(ward_version, city.wards[0]).steps] == [city.wards[0]] * 3
    assert ward_version.fees.get().rows[1] == {"label": "Từ trang thứ ba", "amount": 1000}


def test_importing_the_same_file_again_changes_nothing(city):
    catalog_import(as_json(document()), filename="catalogue.json")
    before = snapshot()
    report = catalog_import(as_json(document()), filename="catalogue.json")
    assert not report.changed
    assert "không có gì thay đổi" in report.summary()
    assert snapshot() == before


def test_one_bad_row_imports_nothing_and_is_named_in_vietnamese(city):
    # given a file whose second procedure has a limit unit nobody knows, the first a component without copies
    doc = document()
    doc["procedures"][1]["limit_unit"] = "ngay"
    doc["procedures"][0]["components"][1]["copies"] = 0
    # when it is imported
    with pytest.raises(ImportFailed) as failed:
        catalog_import(as_json(doc), filename="catalogue.json")
    # then nothing at all was written, even the first procedure and the fields
    assert (Procedure.objects.count(), Field.objects.count(), Decision.objects.count()) == (0, 0, 0)
    messages = [str(issue) for issue in failed.value.issues]
    assert any(m.startswith("Mục procedures[1], trường “limit_unit”: “ngay” không hợp lệ") for m in messages)
    assert any(
        m.startswith("Mục procedures[0].components[1], trường “copies”: Thành phần hồ sơ phải có") for m in messages
    )


def test_xlsx_errors_give_sheet_row_and_column(city):
    doc = document()
    doc["procedures"][1]["components"][0]["originals"] = "hai"
    with pytest.raises(ImportFailed) as failed:
        catalog_import(document_xlsx(doc), filename="catalogue.xlsx")
    assert [str(i) for i in failed.value.issues] == [
        "Trang “components”, dòng 4, cột E (originals): “hai” không phải số nguyên không âm."
    ]
    assert Procedure.objects.count() == 0


def test_a_process_that_does_not_add_up_is_reported_at_its_row(city):
    doc = document()
    doc["procedures"][0]["processes"][0]["steps"][1]["duration"] = 12
    with pytest.raises(ImportFailed) as failed:
        catalog_import(document_xlsx(doc), filename="catalogue.xlsx")
    (issue,) = failed.value.issues
    assert str(issue).startswith("Trang “processes”, dòng 2: Tổng thời gian các bước trên nhánh dài nhất là 24 giờ")
    assert "20 giờ làm việc (2.5 ngày làm việc)" in str(issue)
    assert ProcedureVersion.objects.count() == 0


def test_a_role_missing_is_reported_at_the_step(city):
    doc = document()
    doc["procedures"][0]["processes"][0]["steps"][1]["unit"] = "VP"
    with pytest.raises(ImportFailed) as failed:
        catalog_import(document_xlsx(doc), filename="catalogue.xlsx")
    assert [str(i) for i in failed.value.issues] == [
        "Trang “steps”, dòng 3, cột E (role): Không có ai giữ vai trò “chuyên viên” đang hoạt động tại VP @ 000.00.10.H26."
    ]


def test_unknown_columns_orphans_and_references_are_all_reported(city):
    doc = document()
    doc["procedures"][0]["limit_amout"] = 3
    doc["procedures"][0]["decision"] = "9999/QĐ-UBND"
    doc["procedures"][1]["field"] = "XX"
    with pytest.raises(ImportFailed) as failed:
        catalog_import(as_json(doc), filename="catalogue.json")
    text = "\n".join(str(i) for i in failed.value.issues)
    assert "Cột “limit_amout” không có trong mẫu" in text
    assert "Không có quyết định công bố số “9999/QĐ-UBND”" in text
    assert "Không có lĩnh vực mã “XX”" in text


def test_an_orphan_xlsx_row_is_reported(city):
    doc = document()
    data = document_xlsx(doc)
    book = load_workbook(io.BytesIO(data))
    book["components"].append(["9.999999", 1, None, "Giấy tờ lạc", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFailed) as failed:
        catalog_import(buffer.getvalue(), filename="catalogue.xlsx")
    assert [str(i) for i in failed.value.issues] == [
        "Trang “components”, dòng 6: Không có thủ tục tương ứng (9.999999 phiên bản 1) trong tệp."
    ]


def test_a_published_version_cannot_be_changed_by_a_file(city):
    catalog_import(as_json(document()), filename="catalogue.json")
    doc = document()
    doc["procedures"][0]["committed_amount"] = 2
    with pytest.raises(ImportFailed) as failed:
        catalog_import(as_json(doc), filename="catalogue.json")
    assert "đã công bố, không được sửa nội dung" in str(failed.value.issues[0])


def test_a_new_version_in_the_file_amends_the_procedure(city):
    catalog_import(as_json(document()), filename="catalogue.json")
    doc = document()
    amended = copy.deepcopy(doc["procedures"][0])
    amended.update(version=2, committed_amount=2, decision="1500/QĐ-UBND", valid_from="2025-09-01")
    amended["processes"][0]["steps"][1]["duration"] = 4
    doc["decisions"].append(
        {"number": "1500/QĐ-UBND", "signed_on": "2025-08-15", "signer": "Chủ tịch", "effective_on": "2025-09-01"}
    )
    doc["procedures"].insert(1, amended)
    report = catalog_import(as_json(doc), filename="catalogue.json")
    assert report.counts == {"decisions": 1, "versions": 1, "publications": 1, "processes": 1}
    assert Procedure.objects.get(code="2.000488").status == "amended"
    v1 = ProcedureVersion.objects.get(procedure__code="2.000488", number=1)
    assert str(v1.valid_to) == "2025-08-31"


def test_an_export_reads_back_without_change_in_both_formats(city):
    catalog_import(as_json(document()), filename="catalogue.json")
    exported = export_json()
    before = snapshot()
    assert not catalog_import(exported, filename="export.json").changed
    assert not catalog_import(export_xlsx(), filename="export.xlsx").changed
    assert snapshot() == before
    assert export_json() == exported


def test_an_export_restores_a_catalogue_in_an_empty_database(city):
    catalog_import(as_json(document()), filename="catalogue.json")
    exported = json.loads(export_json())
    for process in InternalProcess.objects.all():
        assert process.status == ProcessStatus.APPROVED
    # the document lists the versions with their publication and processes
    assert [p["code"] for p in exported["procedures"]] == ["2.000488", "2.000815"]
    assert exported["procedures"][0]["valid_from"] == "2025-07-01"
    assert exported["procedures"][0]["processes"][0]["steps"][0]["agency"] == CENTRE


def test_not_a_catalogue_file(city):
    with pytest.raises(ImportFailed) as failed:
        catalog_import(b"{}", filename="x.json")
    assert "không phải danh mục" in str(failed.value.issues[0])
    with pytest.raises(ImportFailed):
        catalog_import(b"not a zip", filename="x.xlsx")
    with pytest.raises(ImportFailed):
        catalog_import(b"a,b", filename="x.csv")


def test_every_rule_has_a_vietnamese_message():
    from motcua.catalog.importing.messages import VI
    from motcua.catalog.problems import MESSAGES

    assert set(MESSAGES) - set(VI) == set()
