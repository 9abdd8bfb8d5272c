import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.orgs.importing import OrgsImportFailed, import_file
from motcua.orgs.models import Agency, Unit

pytestmark = pytest.mark.django_db

HEADER = "record,code,name,short_name,kind,parent,is_active,valid_from,valid_to,replaces,serves\n"
GOOD = (
    HEADER
    + "agency,000.00.00.H26,UBND thành phố Hà Nội,UBND TP,province,,1,,,,\n"
    + "agency,000.00.01.H26,Trung tâm PVHCC Hà Nội,TT PVHCC,one_stop_centre,000.00.00.H26,1,,,,000.00.10.H26\n"
    + "agency,000.00.10.H26,Sở Tư pháp,STP,department,000.00.00.H26,1,,,,\n"
    + "agency,000.01.20.H26,Phường Hàng Bạc,,ward,000.00.00.H26,0,,2025-06-30,,\n"
    + "agency,000.01.90.H26,Phường Hoàn Kiếm,,ward,000.00.00.H26,1,2025-07-01,,000.01.20.H26,\n"
    + "unit,HCTP,Phòng Hành chính tư pháp,,,000.00.10.H26,,,,,\n"
)


def write(tmp_path: Path, text: str, name: str = "tree.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_imports_the_whole_tree(tmp_path):
    report = import_file(write(tmp_path, GOOD))
    assert report.created == 6
    centre = Agency.objects.get(code="000.00.01.H26")
    assert list(centre.served_agencies.values_list("code", flat=True)) == ["000.00.10.H26"]
    new_ward = Agency.objects.get(code="000.01.90.H26")
    assert list(new_ward.predecessors.values_list("code", flat=True)) == ["000.01.20.H26"]
    assert Unit.objects.get(code="HCTP").agency.code == "000.00.10.H26"
    assert Agency.objects.get(code="000.01.20.H26").is_active is False


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, GOOD)
    import_file(path)
    before = list(Agency.objects.order_by("code").values())
    report = import_file(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert list(Agency.objects.order_by("code").values()) == before


def test_one_bad_row_imports_nothing_and_every_error_names_its_row(tmp_path):
    bad = GOOD + "agency,000.00.1X.H26,Sở sai mã,,department,000.00.00.H26,1,,,,\n"
    bad += "agency,000.00.12.H26,Sở Tài chính,,bureau,000.00.99.H26,1,2025-13-01,,,\n"
    with pytest.raises(OrgsImportFailed) as caught:
        import_file(write(tmp_path, bad))
    errors = {(e.row, e.column) for e in caught.value.report.errors}
    assert (8, "code") in errors
    assert {(9, "kind"), (9, "parent"), (9, "valid_from")} <= errors
    assert not Agency.objects.exists()
    assert not Unit.objects.exists()


def test_a_loop_in_the_file_is_refused(tmp_path):
    loop = (
        HEADER
        + "agency,000.00.10.H26,Sở A,,department,000.00.11.H26,1,,,,\n"
        + "agency,000.00.11.H26,Sở B,,department,000.00.10.H26,1,,,,\n"
    )
    with pytest.raises(OrgsImportFailed) as caught:
        import_file(write(tmp_path, loop))
    assert {(e.row, e.column) for e in caught.value.report.errors} == {(2, "parent"), (3, "parent")}
    assert not Agency.objects.exists()


def test_a_duplicate_code_in_the_file_is_refused(tmp_path):
    dup = GOOD + "agency,000.00.10.H26,Sở Tư pháp lần hai,,department,000.00.00.H26,1,,,,\n"
    with pytest.raises(OrgsImportFailed) as caught:
        import_file(write(tmp_path, dup))
    assert [(e.row, e.column) for e in caught.value.report.errors] == [(8, "code")]


def test_serves_only_from_a_centre(tmp_path):
    text = GOOD.replace(
        "Sở Tư pháp,STP,department,000.00.00.H26,1,,,,",
        "Sở Tư pháp,STP,department,000.00.00.H26,1,,,,000.00.01.H26",
    )
    with pytest.raises(OrgsImportFailed) as caught:
        import_file(write(tmp_path, text))
    assert [(e.row, e.column) for e in caught.value.report.errors] == [(4, "serves")]


def test_json_files_are_accepted(tmp_path):
    rows = [
        {"code": "000.00.00.H26", "name": "UBND thành phố Hà Nội", "kind": "province"},
        {"code": "000.00.01.H26", "name": "Trung tâm", "kind": "one_stop_centre", "parent": "000.00.00.H26",
         "serves": ["000.00.10.H26"]},
        {"code": "000.00.10.H26", "name": "Sở Tư pháp", "kind": "department", "parent": "000.00.00.H26"},
    ]  # fmt: skip
    report = import_file(write(tmp_path, json.dumps(rows, ensure_ascii=False), "tree.json"))
    assert report.created == 3


def test_the_command_reports_errors_and_fails(tmp_path):
    path = write(tmp_path, HEADER + "agency,bad,,,province,,1,,,,\n")
    with pytest.raises(CommandError, match="nothing was imported|không nhập"):
        call_command("orgs_import", str(path))
    assert not Agency.objects.exists()


def test_the_cli_grammar_runs_the_import(tmp_path, monkeypatch):
    from django.core.management import call_command

    from motcua import cli

    # `motcua orgs import FILE` is the management command `orgs_import FILE` (run in-process here, so the test's
    # database connection stays the one Django manages)
    monkeypatch.setattr(cli, "_manage", lambda argv: call_command(*argv))
    cli.main(["orgs", "import", str(write(tmp_path, GOOD))])
    assert Agency.objects.count() == 5
