"""Blank forms are part of a procedure's catalogue entry (issue 13, item 14): a component names its form file in the
catalogue's form store; import refuses a file the store does not hold, export writes it back, the procedure page
links every form and the portal serves it as a download; the demo catalogue carries some."""

import json

import pytest

from motcua.catalog import forms
from motcua.catalog.exporting import export_json, export_xlsx
from motcua.catalog.importing import ImportFailed, catalog_import
from motcua.catalog.models import Component
from motcua.catalog.tests.test_importing import as_json, document

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def _with_form(file_name="to-khai-lltp.pdf"):
    doc = document()
    doc["procedures"][0]["components"][0].update(form_name="Mẫu số 03/2013/TT-LLTP", form_file=file_name)
    return doc


def test_a_form_file_the_store_does_not_hold_is_refused_at_its_row(city, store):
    with pytest.raises(ImportFailed) as failed:
        catalog_import(as_json(_with_form()), filename="catalogue.json")
    assert [str(i) for i in failed.value.issues] == [
        "Mục procedures[0].components[0], trường “form_file”: Kho mẫu đơn không có tệp “to-khai-lltp.pdf” "
        "(tải tệp mẫu lên trước khi nhập)."
    ]


def test_a_form_file_is_imported_exported_and_read_back(city, store):
    forms.put("to-khai-lltp.pdf", PDF)
    catalog_import(as_json(_with_form()), filename="catalogue.json")
    component = Component.objects.get(form_name="Mẫu số 03/2013/TT-LLTP")
    assert component.form_file.name == "catalog/forms/to-khai-lltp.pdf"
    exported = json.loads(export_json())
    assert exported["procedures"][0]["components"][0]["form_file"] == "catalog/forms/to-khai-lltp.pdf"
    assert not catalog_import(export_json(), filename="export.json").changed
    assert not catalog_import(export_xlsx(), filename="export.xlsx").changed


def test_the_procedure_page_links_the_form_and_the_portal_serves_it(client, city, store):
    forms.put("to-khai-lltp.pdf", PDF)
    catalog_import(as_json(_with_form()), filename="catalogue.json")
    component = Component.objects.get(form_name="Mẫu số 03/2013/TT-LLTP")
    page = client.get("/thu-tuc/2.000488/").content.decode()
    link = f"/thu-tuc/2.000488/mau/{component.pk}/"
    assert 'id="blank-forms"' in page and f'href="{link}"' in page
    answer = client.get(link)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert 'attachment; filename="to-khai-lltp.pdf"' in answer["Content-Disposition"]
    other = Component.objects.exclude(pk=component.pk).first()
    assert client.get(f"/thu-tuc/2.000488/mau/{other.pk}/").status_code == 404


def test_the_demo_catalogue_names_blank_forms_and_makes_them(store):
    from motcua.catalog.demo import DATA, store_demo_forms

    document = json.loads(DATA.read_bytes())
    named = [c["form_file"] for p in document["procedures"] for c in p["components"] if c.get("form_file")]
    assert len(named) >= 5
    assert store_demo_forms({"procedures": [document["procedures"][0]]}) >= 1
    assert forms.exists(forms.stored_name(document["procedures"][0]["components"][0]["form_file"]))
