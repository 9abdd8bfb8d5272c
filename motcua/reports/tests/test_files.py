"""The files: the xlsx opens with openpyxl and has the form's cells; the PDF keeps its Vietnamese text; a job
reports its progress up to 100 and its file downloads."""

import io
import shutil
import subprocess

import pytest
from django.utils import translation
from openpyxl import load_workbook

from motcua.reports import pdf, xlsx
from motcua.reports.models import JobState, ReportJob
from motcua.reports.services import handling_report, report_job_create
from motcua.reports.table import COLUMNS
from motcua.reports.tests.helpers import MARCH, make_month


def _xlsx(world):
    with translation.override("vi"):
        return load_workbook(io.BytesIO(xlsx.report_xlsx(handling_report(world.city.province, *MARCH))))


def test_the_spreadsheet_has_the_title_headers_rows_and_total_as_numbers(world):
    make_month(world)
    sheet = _xlsx(world).active
    assert sheet["A1"].value == "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert sheet["A2"].value == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    assert "UBND thành phố Hà Nội" in sheet["A3"].value
    # two header rows: the groups merged over their columns, then each column; then the column numbers
    assert [sheet.cell(5, c).value for c in (1, 3, 5, 10, 14, 17, 18)] == [
        "STT", "Cơ quan", "Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết",
        "Số hồ sơ rút / dừng giải quyết", "Số văn bản xin lỗi",
    ]  # fmt: skip
    assert [sheet.cell(6, c).value for c in range(5, 10)] == [
        "Tổng số", "Kỳ trước chuyển qua", "Mới tiếp nhận trực tuyến", "Mới tiếp nhận trực tiếp",
        "Mới tiếp nhận qua bưu chính",
    ]  # fmt: skip
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"E5:I5", "J5:M5", "N5:P5", "Q5:Q6", "A5:A6", "A1:R1"} <= merged
    assert sheet.freeze_panes == "E8"
    # data rows: numbers as numbers, and the total row sums them
    first, second, total = 8, 9, 10
    assert sheet.cell(first, 4).value == "Chứng thực" and sheet.cell(second, 4).value == "Hộ tịch"
    values = [[sheet.cell(r, 5 + i).value for i in range(len(COLUMNS))] for r in (first, second, total)]
    assert all(isinstance(v, int) for row in values for v in row)
    assert values[2] == [a + b for a, b in zip(values[0], values[1], strict=True)]
    assert sheet.cell(total, 3).value == "Tổng cộng"
    assert values[1][:5] == [8, 1, 1, 5, 1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_is_a4_landscape_and_its_vietnamese_text_survives(world, tmp_path):
    make_month(world)
    with translation.override("vi"):
        content = pdf.report_pdf(handling_report(world.city.province, *MARCH))
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    text = " ".join(raw.split())  # a header cell's words wrap onto several lines
    for phrase in ("BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Số hồ sơ đang giải quyết", "Quá hạn", "Sở Tư pháp", "Hộ tịch", "Tổng cộng"):  # fmt: skip
        assert phrase in text, phrase
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    assert "841.89 x 595.276" in info or "842 x 595" in info  # A4 landscape, in points


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_a_job_reaches_100_and_its_file_downloads(world, client, django_capture_on_commit_callbacks, fmt):
    make_month(world)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_create(actor=world.leader, agency=world.city.justice, start=MARCH[0], end=MARCH[1], fmt=fmt)
    job.refresh_from_db()
    assert (job.state, job.progress, job.rows, job.error) == (JobState.DONE, 100, 2, "")
    client.force_login(world.leader)
    response = client.get(f"/staff/bao-cao/{job.pk}/tai-ve/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body[:4] == (b"PK\x03\x04" if fmt == "xlsx" else b"%PDF")
    assert f"bao-cao-{world.city.justice.code}-20260301-20260331.{fmt}" in response["Content-Disposition"]


def test_progress_is_reported_while_the_file_is_written(world, monkeypatch):
    make_month(world)
    seen = []
    original = ReportJob.objects.filter

    def spy(*args, **kwargs):
        qs = original(*args, **kwargs)
        update = qs.update

        def recorded(**changes):
            if "progress" in changes:
                seen.append(changes["progress"])
            return update(**changes)

        qs.update = recorded
        return qs

    job = ReportJob.objects.create(requested_by=world.leader, agency=world.city.province, start=MARCH[0],
                                   end=MARCH[1], format="xlsx")  # fmt: skip
    monkeypatch.setattr(ReportJob.objects, "filter", spy)
    from motcua.reports.services import report_job_run

    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert seen[0] == 5 and seen == sorted(seen) and job.progress == 100


def test_a_failing_job_is_marked_failed_with_its_error(world, monkeypatch):
    from motcua.reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsx, "report_xlsx", broken)
    job = ReportJob.objects.create(requested_by=world.leader, agency=world.city.province, start=MARCH[0],
                                   end=MARCH[1], format="xlsx")  # fmt: skip
    services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "disk full")
