"""`motcua catalog import FILE` / `motcua catalog export`: the same importer, errors listed, --check writes nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.management.commands.catalog_import import ProgressBar
from motcua.catalog.models import Procedure
from motcua.catalog.tests.test_importing import as_json, document

pytestmark = pytest.mark.django_db


def test_import_check_export_and_reimport(city, tmp_path):
    source = tmp_path / "catalogue.json"
    source.write_bytes(as_json(document()))
    out = io.StringIO()
    call_command("catalog_import", str(source), "--check", stdout=out)
    assert "không ghi gì" in out.getvalue()
    assert Procedure.objects.count() == 0
    call_command("catalog_import", str(source), stdout=io.StringIO())
    assert Procedure.objects.count() == 2
    exported = tmp_path / "export.xlsx"
    call_command("catalog_export", "-o", str(exported), stderr=io.StringIO())
    out = io.StringIO()
    call_command("catalog_import", str(exported), stdout=out)
    assert "không có gì thay đổi" in out.getvalue()


def test_a_bad_file_lists_every_error_and_fails(city, tmp_path):
    doc = document()
    doc["procedures"][0]["limit_unit"] = "ngay"
    doc["procedures"][1]["field"] = "XX"
    source = tmp_path / "bad.json"
    source.write_bytes(as_json(doc))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 lỗi"):
        call_command("catalog_import", str(source), stderr=err)
    assert "procedures[0], trường “limit_unit”" in err.getvalue()
    assert "Không có lĩnh vực mã “XX”" in err.getvalue()
    assert Procedure.objects.count() == 0


def test_export_json_to_standard_output(city, capsysbinary):
    call_command("catalog_export", "--code", "none")
    assert json.loads(capsysbinary.readouterr().out)["procedures"] == []


def test_the_progress_bar_draws_on_stderr():
    stream = io.StringIO()
    bar = ProgressBar(stream, force=True)
    bar("import", 5, 10)
    bar.close()
    assert "[###############...............] 5/10 (50%)" in stream.getvalue()
