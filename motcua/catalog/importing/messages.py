"""Import errors in Vietnamese (the issue asks for them in Vietnamese whatever the interface language).

Every code of ``catalog.problems.MESSAGES`` has its Vietnamese template here too (a test checks it), plus the
codes of the file reader.
"""

from __future__ import annotations

from typing import Any

VI: dict[str, str] = {
    # reading the file
    "bad_json": "Tệp JSON không đọc được: %(error)s.",
    "bad_xlsx": "Tệp Excel (xlsx) không đọc được: %(error)s.",
    "bad_format": 'Tệp không phải danh mục thủ tục của motcua (cần "format": "motcua-catalog").',
    "unknown_extension": "Chỉ nhận tệp .xlsx hoặc .json.",
    "not_a_list": "Phải là một danh sách (mảng JSON).",
    "not_an_object": "Mỗi mục phải là một đối tượng JSON.",
    "unknown_column": "Cột “%(value)s” không có trong mẫu; các cột được nhận: %(choices)s.",
    "duplicate_column": "Cột “%(value)s” xuất hiện hai lần.",
    "orphan_row": "Không có %(parent)s tương ứng (%(value)s) trong tệp.",
    "duplicate_row": "Trùng với dòng/mục đã có: %(value)s.",
    "empty_file": "Tệp không có dữ liệu nào để nhập.",
    "form_file_missing": "Kho mẫu đơn không có tệp “%(value)s” (tải tệp mẫu lên trước khi nhập).",
    # values
    "required": "Bắt buộc nhập.",
    "too_long": "Dài quá %(max)s ký tự.",
    "not_int": "“%(value)s” không phải số nguyên không âm.",
    "not_decimal": "“%(value)s” không phải là số hợp lệ.",
    "not_date": "“%(value)s” không phải ngày hợp lệ (dùng YYYY-MM-DD hoặc DD/MM/YYYY).",
    "not_bool": "“%(value)s” không phải có/không.",
    "bad_choice": "“%(value)s” không hợp lệ; dùng một trong: %(choices)s.",
    "bad_fee_row": "Dòng biểu phí “%(value)s” phải có dạng “nội dung = số tiền”.",
    "not_text": "Phải là văn bản.",
    # references and rules (the codes of catalog.problems)
    "unknown_field": "Không có lĩnh vực mã “%(value)s” (trong tệp hoặc trong hệ thống).",
    "unknown_agency": "Không có cơ quan mã định danh “%(value)s”.",
    "unknown_decision": "Không có quyết định công bố số “%(value)s” (trong tệp hoặc trong hệ thống).",
    "bad_amount": "Thời hạn tính bằng %(unit)s phải là số dương nguyên (ngày làm việc được lẻ .5).",
    "committed_longer": "Thời hạn cam kết không được dài hơn thời hạn theo quy định.",
    "partial_needs_reason": "Dịch vụ trực tuyến một phần phải ghi lý do đã công bố.",
    "online_level_without_channel": "Không nộp trực tuyến thì mức độ trực tuyến phải là “none”.",
    "online_without_level": "Có nộp trực tuyến thì mức độ phải là toàn trình (full) hoặc một phần (partial).",
    "no_channel": "Phải có ít nhất một cách thức nộp (counter, postal, online).",
    "no_applicant_kind": "Phải có ít nhất một đối tượng thực hiện (citizen, organisation).",
    "no_implementing_agency": "Phải ghi cơ quan thực hiện (mã định danh) hoặc loại cơ quan thực hiện.",
    "component_no_copies": "Thành phần hồ sơ phải có ít nhất một bản chính, bản sao chứng thực hoặc bản sao.",
    "conditional_needs_condition": "Thành phần có điều kiện phải ghi rõ điều kiện.",
    "bad_url": "“%(value)s” không phải địa chỉ web.",
    "fee_needs_amount": "Phí, lệ phí phải có mức thu (0 nếu miễn) hoặc biểu mức thu.",
    "fee_row_invalid": "Mỗi dòng biểu phí phải có nội dung và số tiền từ 0 trở lên.",
    "duplicate": "“%(value)s” bị lặp.",
    "version_published": ("Phiên bản %(number)s đã công bố, không được sửa nội dung; hãy thêm phiên bản mới."),
    "version_not_draft": "Chỉ phiên bản nháp mới được công bố hoặc sửa.",
    "version_number_gap": "Phiên bản %(number)s không liền sau phiên bản cuối cùng đã có (%(last)s).",
    "publication_differs": (
        "Phiên bản %(number)s đã công bố theo quyết định %(decision)s từ ngày %(start)s; không thay đổi được."
    ),
    "procedure_abolished": "Thủ tục %(code)s đã bị bãi bỏ, không nhận phiên bản mới.",
    "window_overlap": (
        "Phiên bản %(number)s bắt đầu ngày %(start)s, không sau phiên bản %(other)s (áp dụng từ %(other_start)s): "
        "thời gian hiệu lực không được chồng lấn."
    ),
    "abolish_before_start": "Không thể bãi bỏ thủ tục %(code)s từ ngày %(on)s: có phiên bản bắt đầu ngày %(start)s.",
    "nothing_to_abolish": "Thủ tục %(code)s chưa có phiên bản nào được công bố để bãi bỏ.",
    "abolition_differs": "Thủ tục %(code)s đã bị bãi bỏ theo quyết định khác.",
    "decision_differs": "Quyết định %(value)s đã có trong hệ thống với nội dung khác; quyết định không được sửa.",
    "valid_before_decision": "Ngày %(start)s trước ngày ký quyết định (%(signed)s).",
    "no_steps": "Quy trình phải có các bước.",
    "first_not_receive": "Bước đầu tiên phải là tiếp nhận hồ sơ (receive).",
    "last_not_return": "Bước cuối cùng phải là trả kết quả (return).",
    "wrong_role_for_kind": "Bước “%(kind)s” phải do “%(role)s” thực hiện.",
    "group_scattered": "Các bước của nhóm song song “%(group)s” phải liền nhau.",
    "group_in_receive_return": "Bước tiếp nhận và trả kết quả không nằm trong nhóm song song.",
    "bad_half_days": "Thời gian tính bằng nửa ngày phải là số nguyên.",
    "bad_duration": "Thời gian phải lớn hơn 0.",
    "sum_mismatch": (
        "Tổng thời gian các bước trên nhánh dài nhất là %(total)s giờ làm việc, nhưng thời hạn cam kết là "
        "%(limit)s giờ làm việc (%(amount)s %(unit)s): phải bằng nhau."
    ),
    "equivalent_required": (
        "Thời hạn cam kết tính bằng %(unit)s: phải ghi số giờ làm việc tương đương mà các bước cộng lại."
    ),
    "equivalent_not_applicable": "Chỉ ghi số giờ tương đương khi thời hạn tính bằng ngày lịch hoặc tháng.",
    "agency_not_implementing": "%(agency)s không thực hiện phiên bản thủ tục này.",
    "template_without_kinds": "Quy trình mẫu chung chỉ dùng cho thủ tục thực hiện theo loại cơ quan.",
    "unknown_unit": "%(agency)s không có đơn vị “%(unit)s” đang hoạt động.",
    "role_missing": "Không có ai giữ vai trò “%(role)s” đang hoạt động tại %(where)s.",
    "version_not_published": "Chỉ phê duyệt quy trình cho phiên bản đã công bố.",
    "process_not_draft": "Chỉ quy trình nháp mới được sửa hoặc phê duyệt.",
    "other": "%(value)s",
}

#: Vietnamese names of the choices that appear in messages.
LABELS = {
    "working_day": "ngày làm việc",
    "working hours": "giờ làm việc",
    "working_hour": "giờ làm việc",
    "calendar_day": "ngày",
    "month": "tháng",
    "receive": "tiếp nhận",
    "appraise": "thẩm định",
    "verify": "xác minh",
    "consult": "lấy ý kiến",
    "decide": "quyết định",
    "return": "trả kết quả",
    "desk_officer": "cán bộ một cửa",
    "specialist": "chuyên viên",
    "leader": "lãnh đạo",
    "agency_admin": "quản trị cơ quan",
    "inspector": "thanh tra",
    "system_admin": "quản trị hệ thống",
}


def vi(code: str, params: dict[str, Any] | None = None) -> str:
    template = VI.get(code, VI["other"])
    values = {key: _value(key, value) for key, value in (params or {}).items()}
    values.setdefault("value", code)
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        return template


def _value(key: str, value: Any) -> Any:
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if key in ("unit", "kind", "role") and isinstance(value, str):
        return LABELS.get(value, value)
    return value
