"""The catalogue file format: its sheets (xlsx) / arrays (JSON) and their columns.

One table describes both formats, so the reader, the exporter and the documentation cannot drift apart.
In xlsx every sheet has a header row; a header is the column key, optionally after a Vietnamese label
(``Mã thủ tục (code)``). In JSON, procedures nest their legal bases, components, fees and processes, and
processes nest their steps, so the child rows carry no ``procedure``/``version`` keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.catalog.models import (
    Channel,
    DurationUnit,
    FeeKind,
    Level,
    OnlineLevel,
    ProcessStatus,
    Requirement,
    StepKind,
)
from motcua.orgs.models import AgencyKind, Role
from motcua.workcalendar.units import TimeUnit

FORMAT = "motcua-catalog"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # Vietnamese header
    kind: str = "text"  # text, code, int, decimal, date, bool, choice, list, lines, fee_rows
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 0
    #: only written by the export; ignored by the import
    read_only: bool = False

    def header(self) -> str:
        return f"{self.label} ({self.key})"


def _choices(values: list[str]) -> tuple[str, ...]:
    return tuple(values)


#: Columns that tie a child row to its procedure version (xlsx only).
PARENT = (
    Column("procedure", "Mã thủ tục", "code", required=True, max_length=40),
    Column("version", "Phiên bản", "int", required=True),
)

SHEETS: dict[str, tuple[Column, ...]] = {
    "fields": (
        Column("code", "Mã lĩnh vực", "code", required=True, max_length=30),
        Column("name", "Tên lĩnh vực", required=True, max_length=255),
        Column("sector", "Ngành", max_length=120),
    ),
    "decisions": (
        Column("number", "Số quyết định", required=True, max_length=60),
        Column("signed_on", "Ngày ký", "date", required=True),
        Column("signer", "Người ký", required=True, max_length=150),
        Column("effective_on", "Ngày hiệu lực", "date", required=True),
        Column("issuer", "Cơ quan ban hành (mã định danh)", "code", max_length=13),
        Column("made_public_on", "Ngày công khai trên CSDL quốc gia", "date"),
        Column("note", "Ghi chú"),
    ),
    "procedures": (
        Column("code", "Mã thủ tục", "code", required=True, max_length=40),
        Column("version", "Phiên bản", "int", required=True),
        Column("name", "Tên thủ tục", required=True, max_length=500),
        Column("field", "Mã lĩnh vực", "code", required=True, max_length=30),
        Column("level", "Cấp thực hiện", "choice", required=True, choices=_choices(Level.values)),
        Column("implementing_agency", "Cơ quan thực hiện (như công bố)", required=True, max_length=500),
        Column("result_agency", "Cơ quan có thẩm quyền quyết định", max_length=500),
        Column("coordinating_agency", "Cơ quan phối hợp", max_length=500),
        Column("agencies", "Mã định danh cơ quan thực hiện", "list"),
        Column("agency_kinds", "Mọi cơ quan thuộc loại", "list", choices=_choices(AgencyKind.values)),
        Column("applicant_kinds", "Đối tượng thực hiện", "list", choices=("citizen", "organisation")),
        Column("limit_amount", "Thời hạn theo quy định", "decimal", required=True),
        Column("limit_unit", "Đơn vị thời hạn", "choice", required=True, choices=_choices(TimeUnit.values)),
        Column("committed_amount", "Thời hạn cam kết (cắt giảm)", "decimal"),
        Column("committed_unit", "Đơn vị thời hạn cam kết", "choice", choices=_choices(TimeUnit.values)),
        Column("limit_note", "Ghi chú thời hạn"),
        Column("channels", "Cách thức nộp", "list", choices=_choices(Channel.values)),
        Column("online_level", "Mức độ trực tuyến", "choice", choices=_choices(OnlineLevel.values)),
        Column("partial_reason", "Lý do chỉ trực tuyến một phần"),
        Column("online_payment", "Thanh toán trực tuyến", "bool"),
        Column("province_wide", "Không phụ thuộc địa giới hành chính", "bool"),
        Column("sequence", "Trình tự thực hiện"),
        Column("requirements", "Yêu cầu, điều kiện"),
        Column("results", "Kết quả thực hiện", "lines"),
        Column("decision", "Quyết định công bố (số)", max_length=60),
        Column("valid_from", "Áp dụng từ ngày", "date"),
        Column("basis_effective_on", "Ngày căn cứ pháp lý có hiệu lực", "date"),
        Column("valid_to", "Áp dụng đến ngày", "date", read_only=True),
    ),
    "legal_bases": (
        *PARENT,
        Column("number", "Số, ký hiệu", required=True, max_length=80),
        Column("title", "Trích yếu", required=True, max_length=500),
        Column("issued_on", "Ngày ban hành", "date"),
        Column("effective_on", "Ngày có hiệu lực", "date"),
    ),
    "components": (
        *PARENT,
        Column("case", "Trường hợp", max_length=255),
        Column("name", "Tên giấy tờ", required=True),
        Column("originals", "Bản chính", "int"),
        Column("certified_copies", "Bản sao chứng thực", "int"),
        Column("copies", "Bản sao", "int"),
        Column("requirement", "Bắt buộc / có điều kiện", "choice", choices=_choices(Requirement.values)),
        Column("condition", "Điều kiện", max_length=500),
        Column("form_name", "Mẫu đơn, tờ khai", max_length=255),
        Column("form_url", "Địa chỉ tải mẫu", max_length=500),
        Column("form_file", "Tệp mẫu (trong kho mẫu đơn)", max_length=100),
        Column("from_data_store", "Lấy từ kho dữ liệu điện tử", "bool"),
    ),
    "fees": (
        *PARENT,
        Column("kind", "Loại (phí / lệ phí)", "choice", required=True, choices=_choices(FeeKind.values)),
        Column("name", "Mô tả", required=True, max_length=500),
        Column("amount", "Mức thu (đồng)", "int"),
        Column("rows", "Biểu mức thu (mỗi dòng: nội dung = số tiền)", "fee_rows"),
        Column("legal_basis", "Căn cứ", max_length=255),
        Column("note", "Ghi chú"),
    ),
    "processes": (
        *PARENT,
        Column("agency", "Cơ quan áp dụng (trống: mẫu chung)", "code", max_length=13),
        Column("status", "Trạng thái", "choice", choices=(ProcessStatus.APPROVED, ProcessStatus.DRAFT)),
        Column("working_hours_equivalent", "Số giờ làm việc tương đương", "decimal"),
        Column("note", "Ghi chú"),
    ),
    "steps": (
        *PARENT,
        Column("process_agency", "Cơ quan áp dụng quy trình", "code", max_length=13),
        Column("kind", "Loại bước", "choice", required=True, choices=_choices(StepKind.values)),
        Column("role", "Vai trò", "choice", required=True, choices=_choices(Role.values)),
        Column("duration", "Thời gian", "decimal", required=True),
        Column("duration_unit", "Đơn vị", "choice", required=True, choices=_choices(DurationUnit.values)),
        Column("agency", "Cơ quan xử lý (trống: cơ quan áp dụng)", "code", max_length=13),
        Column("unit", "Mã đơn vị", "code", max_length=30),
        Column("parallel_group", "Nhóm song song", max_length=20),
        Column("description", "Mô tả", max_length=500),
    ),
    "abolitions": (
        Column("procedure", "Mã thủ tục", "code", required=True, max_length=40),
        Column("decision", "Quyết định công bố (số)", required=True, max_length=60),
        Column("on", "Bãi bỏ từ ngày", "date"),
        Column("basis_effective_on", "Ngày căn cứ pháp lý có hiệu lực", "date"),
    ),
}

#: JSON nesting: which arrays a row of a sheet holds.
CHILDREN = {"procedures": ("legal_bases", "components", "fees", "processes"), "processes": ("steps",)}
TOP_LEVEL = ("fields", "decisions", "procedures", "abolitions")

DEFAULT_CHANNELS = (Channel.COUNTER, Channel.POSTAL, Channel.ONLINE)
