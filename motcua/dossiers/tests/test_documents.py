"""The official forms of a dossier: each form's printed text checked against the dossier, in both legal sets, the
receipt's QR code decoded from the rendered page, and every form reprinted exactly as it was issued.

Stories on real dates: the world's procedure (Sở Tư pháp, 2.5 working days) is in force from 20/06/2025; the form
sets switch on 01/07/2025 (TT 01/2018 before, TT 03/2025 from that day)."""

import io

import pytest
import zxingcpp
from PIL import Image

from motcua.catalog.models import Component
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.dossiers import events as dossier_events
from motcua.dossiers import tracking
from motcua.dossiers.documents import render, services
from motcua.dossiers.models import Dossier, DossierEvent, StepStatus
from motcua.dossiers.services import processing, results
from motcua.dossiers.tests import test_documents_scenarios as story
from motcua.dossiers.tests.factories import vn

SITE = "https://dichvucong.hanoi.gov.vn"
A5 = (419.53, 595.28)  # points
A4 = (595.28, 841.89)
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@pytest.fixture
def people(world):
    """Names and an address with many diacritics, so a wrong glyph or a dropped mark shows."""
    world.citizen.address = "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội"
    world.citizen.save(update_fields=["address"])
    for user, name in ((world.desk, "Lê Thị Hồng Nhung"), (world.specialist, "Trần Quốc Tuấn"),
                       (world.leader, "Phạm Đức Thắng")):  # fmt: skip
        user.full_name = name
        user.save(update_fields=["full_name"])
    world.city.justice.phone = "024 3825 3333"
    world.city.justice.save(update_fields=["phone"])
    return world


def printed(world, dossier, number, at=None, actor=None, **kw):
    with clock.frozen(at or vn(2026, 4, 1, 10, 0)):
        return services.form_print(actor=actor or world.desk, dossier_id=dossier.pk, number=number, base_url=SITE, **kw)


def assert_a5_with_headings(form, agency_lines, size=A5):
    pages = story.pdf_pages(form.pdf)
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size
    text = story.pdf_text(form.pdf)
    for line in (*NATIONAL, *agency_lines):
        assert line in text
    return text


# --- Form 01: receipt and appointment -----------------------------------------------------------------------------


def test_the_2025_receipt_carries_every_field_of_the_dossier(people):
    # given a complete dossier received at the centre on Monday 02/03/2026 at 09:00 (2.5 working days)
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    # when the desk prints form 01
    form = printed(people, dossier, "01")
    # then it is the TT 03/2025 receipt, A4, under the national and the agency heading
    text = assert_a5_with_headings(form, ("UBND THÀNH PHỐ HÀ NỘI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), A4)
    assert form.set_key == "tt03_2025"
    assert "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "Hà Nội, ngày 02 tháng 3 năm 2026" in text
    # and every field is the dossier's, diacritics included
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert dossier.code == "000.00.01.H26-260302-0001"
    assert "Tiếp nhận hồ sơ của: Nguyễn Văn An" in text
    assert "Địa chỉ: Số 12 phố Hàng Bạc, phường Hoàn Kiếm, thành phố Hà Nội" in text
    assert "Số điện thoại: 0912345678" in text
    assert "Email: an@example.vn" in text
    assert "Nội dung yêu cầu giải quyết: Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" in text
    component = dossier.components.get()
    assert f"1 {component.name} 01" in text  # line 1, its name, one original
    assert "2. Số lượng hồ sơ: 01 (bộ)" in text
    assert "3. Thời hạn giải quyết hồ sơ theo quy định: 2,5 ngày làm việc" in text
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026" in text
    assert dossier.appointment_at == vn(2026, 3, 4, 14, 30)
    assert "5. Thời gian hẹn trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 04 tháng 3 năm 2026" in text
    assert "6. Nơi nhận kết quả: Trung tâm Phục vụ hành chính công" in text
    assert "Quyển số: 2026, Số thứ tự: 1" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Lê Thị Hồng Nhung" in text


def test_the_receipt_qr_code_decodes_to_the_tracking_url(people, tmp_path):
    # given a received dossier and its printed receipt
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    form = printed(people, dossier, "01")
    # when the printed page is rendered by poppler and the QR code read back from the pixels
    png = story.page_png(form.pdf, tmp_path, dpi=200)
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.QRCode]
    # then it is the tracking page of this dossier, with the token that opens it
    assert found == [f"{SITE}/tra-cuu/{dossier.code}?t={tracking.tracking_token(dossier.code)}"]
    assert tracking.tracking_lookup(code=dossier.code, token=found[0].rsplit("?t=", 1)[1]) == dossier


@pytest.mark.parametrize(
    ("received_at", "set_key", "basis", "desk_words"),
    [
        (vn(2025, 6, 30, 16, 0), "tt01_2018", "Thông tư số 01/2018/TT-VPCP", "Bộ phận tiếp nhận và trả kết quả"),
        (vn(2025, 7, 1, 8, 0), "tt03_2025", "Thông tư số 03/2025/TT-VPCP", "Bộ phận Một cửa"),
    ],
)
def test_a_dossier_prints_with_the_set_of_its_reception_date(people, received_at, set_key, basis, desk_words):
    dossier = story.received(people, received_at)
    # printed long after the switch, it still takes the set of its reception date
    form = printed(people, dossier, "01", at=vn(2026, 4, 1, 10, 0))
    text = story.pdf_text(form.pdf)
    assert form.set_key == set_key
    assert f"Mẫu số 01 — {basis}" in text
    assert f"{desk_words} Trung tâm Phục vụ hành chính công" in text


#: The components of a usual dossier (đăng ký hộ kinh doanh): six items, some of them long.
USUAL_COMPONENTS = (
    "Giấy đề nghị đăng ký hộ kinh doanh theo mẫu quy định",
    "Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh",
    "Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh trong trường hợp các thành viên "
    "hộ gia đình đăng ký hộ kinh doanh",
    "Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh",
    "Bản sao hợp đồng thuê địa điểm kinh doanh hoặc giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh",
)


@pytest.mark.parametrize("received_at", [vn(2025, 6, 30, 16, 0), vn(2026, 3, 2, 9, 0)], ids=["2018", "2025"])
def test_the_receipt_of_a_usual_dossier_fits_on_one_a4_page_with_both_signatures(people, received_at):
    # given a dossier of six components (the version's own and five more, each one original and one copy)
    Component.objects.bulk_create(  # a published version is frozen for save(); the test adds rows directly
        [Component(version=people.version, name=name, originals=1, copies=1) for name in USUAL_COMPONENTS]
    )
    dossier = story.received(people, received_at)
    # when the desk prints the receipt
    form = printed(people, dossier, "01")
    # then it is one A4 page that carries both signature blocks and the last component
    pages = story.pdf_pages(form.pdf)
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width), 2), round(float(pages[0].mediabox.height), 2)) == A4
    text = story.pdf_text(form.pdf)
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "quyền sử dụng địa điểm kinh doanh" in text


def test_the_switch_date_is_configuration(people, settings):
    # given an operator who keeps the 2018 forms until the end of 2025
    settings.MOTCUA_FORM_SETS = [("2019-01-01", "tt01_2018"), ("2026-01-01", "tt03_2025")]
    autumn = story.received(people, vn(2025, 9, 15, 9, 0))
    winter = story.received(people, vn(2026, 1, 5, 9, 0))
    # then a dossier received in September 2025 prints the 2018 receipt, one of January 2026 the 2025 one
    assert printed(people, autumn, "01").set_key == "tt01_2018"
    assert printed(people, winter, "01").set_key == "tt03_2025"


def test_a_wrong_schedule_is_a_configuration_error(people, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.MOTCUA_FORM_SETS = [("2019-01-01", "tt99_2030")]
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    with pytest.raises(ImproperlyConfigured, match="tt99_2030"):
        printed(people, dossier, "01")


def test_the_receipt_is_reprinted_exactly_as_issued_after_the_dossier_changed(people):
    # given a receipt printed at reception
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    first = printed(people, dossier, "01", at=vn(2026, 3, 2, 9, 5))
    # when the applicant moves, the dossier is paused and resumed, and the agency re-appoints it
    people.citizen.address = "Số 5 phố Hàng Gai, phường Hoàn Kiếm"
    people.citizen.save(update_fields=["address"])
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 2, 10, 0))
    story.paused_for_documents(people, dossier, vn(2026, 3, 3, 9, 0), vn(2026, 3, 3, 15, 0))
    story.apologised(people, dossier, vn(2026, 3, 4, 8, 30), vn(2026, 3, 11, 16, 0))
    assert dossier.appointment_at == vn(2026, 3, 11, 16, 0)
    # then a reprint shows the receipt as it was handed out: same text, from the data stored by the first print
    again = printed(people, dossier, "01", at=vn(2026, 3, 12, 9, 0))
    assert story.pdf_text(again.pdf) == story.pdf_text(first.pdf)
    assert "Số 12 phố Hàng Bạc" in story.pdf_text(again.pdf)
    assert again.reprint_of == first.print_event_id
    assert again.data == first.data


def test_a_receipt_first_printed_after_a_pause_and_an_apology_shows_the_appointment_given_at_reception(people):
    # given a dossier received on 02/03/2026 09:00 (appointment 04/03 14:30), paused, resumed and re-appointed
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 2, 10, 0))
    story.paused_for_documents(people, dossier, vn(2026, 3, 3, 9, 0), vn(2026, 3, 5, 9, 0))
    story.apologised(people, dossier, vn(2026, 3, 5, 10, 0), vn(2026, 3, 12, 16, 0))
    # when the receipt is printed for the first time only now (an online applicant downloads it late)
    text = story.pdf_text(printed(people, dossier, "01").pdf)
    # then it shows the reception appointment, not the moved one
    assert "14 giờ 30 phút, ngày 04 tháng 3 năm 2026" in text
    assert "12 tháng 3" not in text


def test_every_letter_is_drawn_from_one_font_that_covers_vietnamese(people):
    # given an applicant whose address holds every Vietnamese letter
    people.citizen.address = render.VIETNAMESE + " " + render.VIETNAMESE.upper()
    people.citizen.save(update_fields=["address"])
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    form = printed(people, dossier, "01")
    # then the text extracted from the PDF holds them all (no dropped or decomposed marks) ...
    text = story.pdf_text(form.pdf)
    assert render.VIETNAMESE in text
    assert render.VIETNAMESE.upper() in text
    # ... and every glyph comes from the chosen family (no silent fallback font)
    chosen = render.font_choice()
    assert chosen is not None
    fonts = story.pdf_fonts(form.pdf)
    assert {name.split("-")[0] for name, _family in fonts} == {render.FAMILY}
    assert {family for _name, family in fonts} == {chosen.name}


def test_codes_are_printed_letter_for_letter(people, monkeypatch):
    # A reference whose "PA" a kerned face pulls together: text extraction then split it ("HSRVP AJ3U5GF"). The
    # forms print without kerning, as the official templates (and a word processor's defaults) do.
    from motcua.dossiers import codes

    monkeypatch.setattr(codes, "new_reference", lambda: "HSRVPAJ3U5GF")
    dossier = story.supplement_requested(people, vn(2026, 3, 5, 10, 0))
    text = assert_a5_with_headings(printed(people, dossier, "02"), ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",))
    assert "Số tham chiếu hồ sơ: HSRVPAJ3U5GF" in text


# --- Form 02: request to supplement ---------------------------------------------------------------------------


def test_the_request_to_supplement_lists_every_item_of_its_event(people):
    # given an online dossier the desk asked to complete on 05/03/2026 at 10:00, with two items
    dossier = story.supplement_requested(people, vn(2026, 3, 5, 10, 0))
    # when form 02 is printed
    form = printed(people, dossier, "02")
    text = assert_a5_with_headings(form, ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Hà Nội, ngày 05 tháng 3 năm 2026" in text
    assert f"Số tham chiếu hồ sơ: {dossier.reference}" in text
    assert "Hồ sơ của: Nguyễn Văn An" in text
    # then each item is a line with its counts and its reason, and the note is the reason
    assert "1 Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp 01 Thiếu chữ ký của người yêu cầu" in text
    assert "2 Bản sao Căn cước công dân Ảnh chụp không rõ nét, cần bản sao chứng thực" in text
    assert "Lý do: Hồ sơ chưa đầy đủ theo quy định" in text
    assert "NGƯỜI HƯỚNG DẪN" in text
    assert "liên hệ với Lê Thị Hồng Nhung" in text


def test_a_pause_for_documents_after_reception_issues_its_own_request_and_the_earlier_one_stays_printable(people):
    # given a dossier asked to complete at reception, then received, then paused for a document by the handler
    dossier = story.supplement_requested(people, vn(2026, 3, 2, 9, 0))
    from motcua.dossiers.services import reception

    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        reception.dossier_supplement(actor=people.citizen_user, dossier_id=dossier.pk, items=people.components())
        reception.dossier_receive(actor=people.desk, dossier_id=dossier.pk)
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 3, 10, 0))
    story.paused_for_documents(people, dossier, vn(2026, 3, 4, 9, 0), vn(2026, 3, 6, 9, 0))
    dossier.refresh_from_db()
    # when form 02 is printed without naming an event, it is the latest request: the handler's, from Sở Tư pháp
    latest = story.pdf_text(printed(people, dossier, "02").pdf)
    assert "SỞ TƯ PHÁP" in latest
    assert f"Mã hồ sơ: {dossier.code}" in latest
    assert "1 Giấy xác nhận thông tin về cư trú" in latest
    assert "Lý do: Cần bổ sung giấy tờ chứng minh nơi cư trú" in latest
    assert "liên hệ với Trần Quốc Tuấn (Sở Tư pháp), số điện thoại 024 3825 3333" in latest
    # and the request made at reception is printed by its event
    at_desk = DossierEvent.objects.get(dossier=dossier, action="request_supplement")
    earlier = story.pdf_text(printed(people, dossier, "02", event_id=at_desk.pk).pdf)
    assert "Thiếu chữ ký của người yêu cầu" in earlier
    assert "Giấy xác nhận thông tin về cư trú" not in earlier
    assert f"Số tham chiếu hồ sơ: {dossier.reference}" in earlier  # it had no code when it was issued


# --- Form 03: refusal -------------------------------------------------------------------------------------------


def test_the_refusal_gives_the_recorded_reason(people):
    dossier = story.refused(people, vn(2026, 3, 5, 9, 0))
    form = printed(people, dossier, "03")
    text = assert_a5_with_headings(form, ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Tiếp nhận hồ sơ của: Nguyễn Văn An" in text
    assert "Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp thành phố Hà Nội" in text
    assert "Hà Nội, ngày 05 tháng 3 năm 2026" in text


def test_the_2018_request_and_refusal_use_the_2018_wording(people):
    # given an online dossier asked to complete, and another refused, on Tuesday 24/06/2025 (TT 01/2018)
    asked = story.supplement_requested(people, vn(2025, 6, 24, 10, 0))
    refused = story.refused(people, vn(2025, 6, 24, 11, 0))
    request = story.pdf_text(printed(people, asked, "02").pdf)
    refusal = story.pdf_text(printed(people, refused, "03").pdf)
    assert "Mẫu số 02 — Thông tư số 01/2018/TT-VPCP" in request
    assert "Hà Nội, ngày 24 tháng 6 năm 2025" in request
    assert "1 Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp 01 Thiếu chữ ký của người yêu cầu" in request
    assert "Mẫu số 03 — Thông tư số 01/2018/TT-VPCP" in refusal
    assert (
        "Qua xem xét, Bộ phận tiếp nhận và trả kết quả Trung tâm Phục vụ hành chính công thông báo không tiếp nhận"
        in refusal
    )
    assert "Yêu cầu không thuộc thẩm quyền giải quyết của Sở Tư pháp thành phố Hà Nội" in refusal


@pytest.mark.parametrize(("number", "code"), [("03", "form_not_applicable"), ("04", "form_not_applicable")])
def test_a_form_that_does_not_apply_is_a_conflict_not_an_empty_pdf(people, number, code):
    # given a received dossier: never refused, never apologised for
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    with pytest.raises(Conflict) as caught:
        printed(people, dossier, number)
    assert caught.value.code == code
    assert not DossierEvent.objects.filter(dossier=dossier, action="print_form").exists()


def test_a_number_outside_the_set_is_not_found_and_the_register_is_printed_per_desk(people):
    old = story.received(people, vn(2025, 6, 23, 9, 0))  # TT 01/2018: six forms
    with pytest.raises(NotFound) as caught:
        printed(people, old, "07")
    assert caught.value.code == "form_not_in_set"
    with pytest.raises(NotFound) as caught:
        printed(people, old, "06")
    assert caught.value.code == "form_is_register"
    assert "register/000.00.01.H26.pdf" in caught.value.message


# --- Form 04: apology and re-appointment ----------------------------------------------------------------------


def test_the_2018_apology_shows_both_appointments_the_reason_and_the_signer(people):
    # given a dossier received on Monday 23/06/2025 09:00 (due 25/06 14:30), re-appointed on 24/06
    dossier = story.received(people, vn(2025, 6, 23, 9, 0))
    story.transferred_and_appraised(people, dossier, vn(2025, 6, 23, 10, 0))
    story.apologised(people, dossier, vn(2025, 6, 24, 9, 0), vn(2025, 6, 30, 16, 0))
    form = printed(people, dossier, "04")
    text = assert_a5_with_headings(form, ("UBND THÀNH PHỐ HÀ NỘI", "SỞ TƯ PHÁP"))
    assert form.set_key == "tt01_2018"
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Hà Nội, ngày 24 tháng 6 năm 2025" in text
    assert "Kính gửi: Nguyễn Văn An" in text
    assert "Ngày 23 tháng 6 năm 2025, Trung tâm Phục vụ hành chính công tiếp nhận" in text
    assert f"mã hồ sơ: {dossier.code}" in text
    assert "Thời gian hẹn trả kết quả giải quyết hồ sơ: 14 giờ 30 phút, ngày 25 tháng 6 năm 2025" in text
    assert "Lý do: Cần xác minh thêm thông tin lý lịch tại Công an thành phố" in text
    assert "vào 16 giờ 00 phút, ngày 30 tháng 6 năm 2025" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text
    assert "Phạm Đức Thắng" in text


def test_the_2025_apology_asks_for_an_extension(people):
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 2, 10, 0))
    story.apologised(people, dossier, vn(2026, 3, 3, 9, 0), vn(2026, 3, 9, 16, 0))
    text = story.pdf_text(printed(people, dossier, "04").pdf)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "thời gian hẹn trả kết quả: 14 giờ 30 phút, ngày 04 tháng 3 năm 2026" in text
    assert "16 giờ 00 phút, ngày 09 tháng 3 năm 2026" in text


# --- 2025 form 05: stop -----------------------------------------------------------------------------------------


def test_the_2025_stop_notice_gives_the_applicants_request(people):
    dossier = story.stopped(people, story.received(people, vn(2026, 3, 6, 9, 0)), vn(2026, 3, 6, 14, 0))
    form = printed(people, dossier, "05")
    text = assert_a5_with_headings(form, ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",))
    assert form.kind == "stop"
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "dừng giải quyết hồ sơ nêu trên kể từ 14 giờ 00 phút, ngày 06 tháng 3 năm 2026" in text
    assert "Lý do: Công dân có đơn xin rút hồ sơ để bổ sung giấy tờ" in text
    # a dossier still in progress has no stop notice
    running = story.received(people, vn(2026, 3, 6, 10, 0))
    with pytest.raises(Conflict):
        printed(people, running, "05")


# --- Control sheet (2018 form 05, 2025 form 06) ---------------------------------------------------------------


def test_the_control_sheet_lists_every_hand_over_with_times_and_timeliness(people):
    # given a dossier received Mon 02/03/2026 09:00 and moved along its steps
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 2, 10, 0))  # reception step: on its due day
    with clock.frozen(vn(2026, 3, 2, 16, 0)):  # appraisal handed over a day before its due day: early
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(
            actor=people.specialist, dossier_id=dossier.pk, step_id=step.pk, to_user=people.leader
        )
    with clock.frozen(vn(2026, 3, 6, 9, 0)):  # the decision step signed days after its due moment: late
        results.dossier_decide(actor=people.leader, dossier_id=dossier.pk, outcome="approved")
    steps = list(dossier.steps.order_by("position"))
    assert [s.due_at.date() for s in steps[:3]] == [vn(2026, 3, 2).date(), vn(2026, 3, 3).date(), vn(2026, 3, 4).date()]
    # when the control sheet is printed
    form = printed(people, dossier, "06", at=vn(2026, 3, 6, 10, 0))
    text = assert_a5_with_headings(form, ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    # then each hand-over has its times and people, and its result
    assert "Nhận: 09:00 02/03/2026 — Lê Thị Hồng Nhung Giao: 10:00 02/03/2026 — Lê Thị Hồng Nhung Đúng hạn" in text
    assert "Nhận: 10:00 02/03/2026 — Trần Quốc Tuấn Giao: 16:00 02/03/2026 — Trần Quốc Tuấn Trước hạn" in text
    assert "Nhận: 16:00 02/03/2026 — Phạm Đức Thắng Giao: 09:00 06/03/2026 — Phạm Đức Thắng Quá hạn" in text
    assert "Tình trạng tại thời điểm in: 10:00 06/03/2026" in text


def test_each_control_sheet_print_is_kept_and_can_be_reproduced(people):
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    before = printed(people, dossier, "06", at=vn(2026, 3, 2, 9, 30))
    story.transferred_and_appraised(people, dossier, vn(2026, 3, 2, 10, 0))
    after = printed(people, dossier, "06", at=vn(2026, 3, 2, 10, 30))
    assert "Giao: 10:00 02/03/2026" in story.pdf_text(after.pdf)
    assert "Giao: 10:00 02/03/2026" not in story.pdf_text(before.pdf)
    # an earlier print, asked by its event, comes back exactly as it was
    again = printed(people, dossier, "06", at=vn(2026, 3, 3, 9, 0), event_id=before.print_event_id)
    assert story.pdf_text(again.pdf) == story.pdf_text(before.pdf)
    assert again.reprint_of == before.print_event_id


def test_the_2018_control_sheet_is_form_05(people):
    dossier = story.received(people, vn(2025, 6, 23, 9, 0))
    form = printed(people, dossier, "05")
    assert form.kind == "control"
    assert "Mẫu số 05 — Thông tư số 01/2018/TT-VPCP" in story.pdf_text(form.pdf)


# --- Recording and access -------------------------------------------------------------------------------------


def test_printing_is_recorded_without_touching_the_dossier(people):
    seen = []
    with dossier_events.events_written.connected("test-forms", lambda d, evs: seen.extend(e.action for e in evs)):
        dossier = story.received(people, vn(2026, 3, 2, 9, 0))
        version, state = dossier.version, dossier.state
        form = printed(people, dossier, "01", at=vn(2026, 3, 2, 9, 5))
    event = DossierEvent.objects.get(pk=form.print_event_id)
    assert (event.action, event.actor, event.at) == ("print_form", people.desk, vn(2026, 3, 2, 9, 5))
    assert event.payload["form"] == "01"
    assert event.payload["set"] == "tt03_2025"
    assert event.payload["source"] == DossierEvent.objects.get(dossier=dossier, action="receive").pk
    assert event.payload["data"]["code"] == dossier.code
    assert (event.from_state, event.to_state) == (state, state)
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert (fresh.version, fresh.state) == (version, state)
    assert seen[-1] == "print_form"


def test_the_applicant_prints_their_own_receipt_and_nobody_else_sees_it(people):
    from motcua.accounts.models import User

    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    assert printed(people, dossier, "01", actor=people.citizen_user).number == "01"
    stranger = User.objects.create(username="khach", full_name="Người lạ")
    with pytest.raises(NotFound):
        printed(people, dossier, "01", actor=stranger)


def test_the_forms_of_a_dossier_say_which_apply(people):
    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    printed(people, dossier, "01")
    available = {f.number: f for f in services.forms_available(actor=people.desk, dossier_id=dossier.pk)}
    assert sorted(available) == ["01", "02", "03", "04", "05", "06"]
    assert [n for n, f in sorted(available.items()) if f.applies] == ["01", "06"]
    assert available["01"].prints == 1
    assert available["01"].issues[0].at == vn(2026, 3, 2, 9, 0)


def test_the_pdf_metadata_names_the_form_and_the_agency(people):
    from pypdf import PdfReader

    dossier = story.received(people, vn(2026, 3, 2, 9, 0))
    meta = PdfReader(io.BytesIO(printed(people, dossier, "01").pdf)).metadata
    assert meta.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả — {dossier.code}"
    assert meta.author == "Trung tâm Phục vụ hành chính công"
