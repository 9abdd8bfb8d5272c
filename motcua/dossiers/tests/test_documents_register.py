"""The register (Sổ theo dõi hồ sơ) of a desk: numbered from 1 each year, never restarted mid-year, for any date
range, as PDF (A4) and xlsx; its numbering survives New Year and concurrent receptions."""

import datetime as dt
import io
import threading

import pytest
from django.db import connections
from openpyxl import load_workbook

from motcua.core import clock
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.dossiers.documents import register
from motcua.dossiers.services import intake, reception
from motcua.dossiers.tests import test_documents_scenarios as story
from motcua.dossiers.tests.factories import make_world, vn

A4_LANDSCAPE = (841.89, 595.28)


def read(world, date_from, date_to, *, actor=None, limit=register.MAX_PDF_LINES):
    with clock.frozen(vn(2026, 4, 1, 10, 0)):
        return register.register_read(
            actor=actor or world.desk, desk_code=world.city.centre.code, date_from=date_from, date_to=date_to,
            limit=limit,
        )  # fmt: skip


def sheet_rows(xlsx: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(xlsx))
    return {ws.title: list(ws.iter_rows(min_row=5, values_only=True)) for ws in book.worksheets}


def test_the_register_restarts_at_1_on_new_year_and_shows_both_books(world):
    # given receptions on 30 and 31 December 2025 and on 2 January 2026 at the centre
    moments = [vn(2025, 12, 30, 9, 0), vn(2025, 12, 30, 14, 0), vn(2025, 12, 31, 9, 0), vn(2026, 1, 2, 9, 0),
               vn(2026, 1, 2, 10, 0)]  # fmt: skip
    dossiers = [story.received(world, at) for at in moments]
    assert [(d.register_year, d.register_no) for d in dossiers] == [
        (2025, 1),
        (2025, 2),
        (2025, 3),
        (2026, 1),
        (2026, 2),
    ]
    # when the register of 29/12/2025–05/01/2026 is read
    reg = read(world, dt.date(2025, 12, 29), dt.date(2026, 1, 5))
    # then the lines are as numbered, year by year
    assert [(line.year, line.line, line.code) for line in reg.lines] == [
        (d.register_year, d.register_no, d.code) for d in dossiers
    ]
    # and the PDF (A4 landscape) shows the book of each year with its lines
    pdf = register.register_pdf(reg)
    box = story.pdf_pages(pdf)[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_LANDSCAPE
    text = story.pdf_text(pdf)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Từ ngày 29/12/2025 đến ngày 05/01/2026" in text
    assert "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP" in text
    assert text.index("Năm 2025") < text.index(dossiers[2].code) < text.index("Năm 2026") < text.index(dossiers[3].code)
    for d in dossiers:
        assert f"{d.register_no} {d.code} Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam 01 Nguyễn Văn An" in text
    # and the xlsx has one sheet per year, the same lines, dates as dates
    rows = sheet_rows(register.register_xlsx(reg))
    assert list(rows) == ["2025", "2026"]
    assert [(r[0], r[1]) for r in rows["2025"]] == [(1, dossiers[0].code), (2, dossiers[1].code), (3, dossiers[2].code)]
    assert [(r[0], r[1]) for r in rows["2026"]] == [(1, dossiers[3].code), (2, dossiers[4].code)]
    assert rows["2026"][0][7] == dt.datetime(2026, 1, 2, 9, 0)
    assert rows["2025"][0][4] == "Nguyễn Văn An"


def test_a_range_starting_mid_year_keeps_the_lines_as_numbered(world):
    first = story.received(world, vn(2026, 3, 2, 9, 0))
    second = story.received(world, vn(2026, 3, 3, 9, 0))
    third = story.received(world, vn(2026, 3, 4, 9, 0))
    reg = read(world, dt.date(2026, 3, 3), dt.date(2026, 3, 4))
    assert [line.line for line in reg.lines] == [2, 3]
    assert [line.code for line in reg.lines] == [second.code, third.code]
    assert first.code not in story.pdf_text(register.register_pdf(reg))


def test_the_numbering_runs_on_across_the_form_set_switch_and_each_line_prints_with_its_set(world):
    # given receptions on 30/06/2025 (TT 01/2018) and 01/07/2025 (TT 03/2025): one book, one year
    june = story.received(world, vn(2025, 6, 30, 9, 0))
    july = story.received(world, vn(2025, 7, 1, 9, 0))
    assert (june.register_no, july.register_no) == (1, 2)
    reg = read(world, dt.date(2025, 6, 1), dt.date(2025, 7, 31))
    assert [(line.line, line.set_key) for line in reg.lines] == [(1, "tt01_2018"), (2, "tt03_2025")]
    pdf = register.register_pdf(reg)
    pages = [" ".join((p.extract_text() or "").split()) for p in story.pdf_pages(pdf)]
    assert len(pages) == 2
    assert "Mẫu số 06 — Thông tư số 01/2018/TT-VPCP" in pages[0]
    assert june.code in pages[0]
    assert july.code not in pages[0]
    assert "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP" in pages[1]
    assert july.code in pages[1]


def test_the_register_line_records_transfer_result_and_return(world):
    dossier = story.received(world, vn(2026, 3, 2, 9, 0))
    story.transferred_and_appraised(world, dossier, vn(2026, 3, 2, 10, 0))
    story.apologised(world, dossier, vn(2026, 3, 3, 9, 0), vn(2026, 3, 9, 16, 0))
    story.decided_and_returned(world, dossier, vn(2026, 3, 6, 9, 0))
    (line,) = read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31)).lines
    assert line.received_at == vn(2026, 3, 2, 9, 0)
    assert line.appointment_at == vn(2026, 3, 9, 16, 0)
    assert line.transferred_at == vn(2026, 3, 2, 10, 0)
    assert line.transferred_to == "Phòng Hành chính tư pháp — Sở Tư pháp"
    assert line.result_at == line.returned_at == vn(2026, 3, 6, 9, 0)
    assert line.notes == "Xin lỗi, hẹn lại: 16:00 09/03/2026; Quá hạn"
    text = story.pdf_text(register.register_pdf(read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31))))
    assert "10:00 02/03/2026 Phòng Hành chính tư pháp — Sở Tư pháp" in text


def test_an_empty_range_is_an_empty_register_not_an_error(world):
    reg = read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert reg.lines == []
    assert "Không có hồ sơ được tiếp nhận trong khoảng thời gian này" in story.pdf_text(register.register_pdf(reg))
    assert list(sheet_rows(register.register_xlsx(reg))) == ["2026"]


def test_the_register_is_for_staff_of_the_desk_and_a_sane_range(world):
    story.received(world, vn(2026, 3, 2, 9, 0))
    with pytest.raises(PermissionDenied):
        read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31), actor=world.citizen_user)
    with pytest.raises(ValidationFailed) as caught:
        read(world, dt.date(2026, 3, 31), dt.date(2026, 3, 1))
    assert caught.value.code == "register_range"
    with pytest.raises(ValidationFailed) as caught:
        read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31), limit=0)
    assert caught.value.code == "register_too_large"
    with clock.frozen(vn(2026, 4, 1, 10, 0)), pytest.raises(NotFound):
        register.register_read(
            actor=world.desk, desk_code="999.99.99.H99", date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 2),
            limit=10,
        )  # fmt: skip


PARALLEL = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_fill_the_register_without_gaps_or_duplicates(settings, tmp_path):
    # given 12 online dossiers submitted to the centre, received by 12 officers' requests at the same instant
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        drafts = []
        for _ in range(PARALLEL):
            d = intake.dossier_create(
                actor=world.citizen_user, version=world.version, applicant=world.citizen,
                handling_agency=world.city.justice, receiving_agency=world.city.centre,
            )  # fmt: skip
            intake.dossier_put_components(actor=world.citizen_user, dossier_id=d.pk, items=world.components())
            intake.dossier_submit(actor=world.citizen_user, dossier_id=d.pk)
            drafts.append(d.pk)
        barrier = threading.Barrier(PARALLEL)
        errors: list[Exception] = []

        def receive(pk):
            try:
                barrier.wait()
                reception.dossier_receive(actor=world.desk, dossier_id=pk)
            except Exception as exc:  # noqa: BLE001 - collected and asserted on
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=receive, args=(pk,)) for pk in drafts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    # then the register has lines 1..12, each once, each with the code of its own dossier
    reg = read(world, dt.date(2026, 3, 2), dt.date(2026, 3, 2))
    assert [line.line for line in reg.lines] == list(range(1, PARALLEL + 1))
    assert len({line.code for line in reg.lines}) == PARALLEL
    rows = sheet_rows(register.register_xlsx(reg))["2026"]
    assert [r[0] for r in rows] == list(range(1, PARALLEL + 1))
    text = story.pdf_text(register.register_pdf(reg))
    positions = [text.index(line.code) for line in reg.lines]
    assert positions == sorted(positions)


def test_the_command_line_writes_the_register(world, tmp_path):
    from django.core.management import CommandError, call_command

    dossier = story.received(world, vn(2026, 3, 2, 9, 0))
    out = tmp_path / "so.xlsx"
    call_command(
        "dossiers_register", world.city.centre.code, "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(out)
    )
    assert [(r[0], r[1]) for r in sheet_rows(out.read_bytes())["2026"]] == [(1, dossier.code)]
    pdf = tmp_path / "so.pdf"
    call_command(
        "dossiers_register", world.city.centre.code, "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(pdf)
    )
    assert dossier.code in story.pdf_text(pdf.read_bytes())
    with pytest.raises(CommandError, match="pdf or .xlsx"):
        call_command("dossiers_register", world.city.centre.code, "-o", str(tmp_path / "so.csv"))
    with pytest.raises(CommandError, match="999.99.99.H99"):
        call_command("dossiers_register", "999.99.99.H99", "-o", str(out))


def test_taking_the_register_is_logged_with_who_and_which_range(world):
    import logging

    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.INFO)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("motcua.forms")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.INFO
    try:
        story.received(world, vn(2026, 3, 2, 9, 0))
        read(world, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert [r.getMessage() for r in records] == [
        f"register of 000.00.01.H26 from 2026-03-01 to 2026-03-31 (1 lines) taken by {world.desk.username}"
    ]
