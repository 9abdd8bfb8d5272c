"""Generates the catalogue bench data: N published procedures with realistic Vietnamese names, components and
implementing agencies, bulk-loaded (COPY on PostgreSQL, executemany on SQLite), then indexed for search.

Names combine real procedure vocabulary (actions × objects × qualifiers) so the search vocabulary, the word
frequencies and the ranking work are like a real catalogue's; the 49 real names of the demo catalogue are among
them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from motcua.catalog.models import Component, Field, Procedure, ProcedureVersion
from motcua.catalog.normalize import normalise
from motcua.catalog.search import sqlite_fts
from motcua.catalog.services.indexing import add_words, search_vector_expression
from motcua.core import clock
from motcua.orgs.models import Agency, AgencyKind

MARK = "BENCH-"  # field codes of the bench data
DEMO = Path(__file__).resolve().parents[2] / "motcua" / "catalog" / "data" / "demo_catalog.json"

ACTIONS = [
    "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Đăng ký", "Đăng ký thay đổi", "Thu hồi", "Xác nhận",
    "Công nhận", "Thẩm định", "Phê duyệt", "Chấm dứt", "Tạm ngừng", "Cho phép", "Chứng thực", "Công bố",
]  # fmt: skip
OBJECTS = [
    "giấy phép xây dựng", "giấy chứng nhận đăng ký hộ kinh doanh", "giấy chứng nhận đăng ký doanh nghiệp",
    "giấy phép lao động", "giấy phép bán lẻ sản phẩm thuốc lá", "giấy phép bán lẻ rượu",
    "giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", "chứng chỉ hành nghề dược",
    "giấy chứng nhận đủ điều kiện kinh doanh dược", "giấy chứng nhận quyền sử dụng đất", "phiếu lý lịch tư pháp",
    "bản sao văn bằng, chứng chỉ", "giấy xác nhận tình trạng hôn nhân", "giấy phép hoạt động khám bệnh, chữa bệnh",
    "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "giấy phép kinh doanh vận tải bằng xe ô tô",
    "giấy phép khai thác nước mặt", "giấy phép môi trường", "chứng chỉ hành nghề hoạt động xây dựng",
    "giấy phép tổ chức biểu diễn nghệ thuật", "giấy phép hoạt động của cơ sở giáo dục nghề nghiệp",
    "quyết định thành lập trường trung học phổ thông", "giấy phép quảng cáo", "giấy chứng nhận đăng ký đầu tư",
    "giấy phép hoạt động đo lường", "giấy chứng nhận đăng ký phương tiện thủy nội địa",
    "giấy phép sử dụng vật liệu nổ công nghiệp", "giấy phép kinh doanh karaoke", "giấy phép thành lập hội",
    "giấy chứng nhận đăng ký hoạt động tín ngưỡng", "giấy phép nhập khẩu xuất bản phẩm",
    "giấy phép hoạt động điện lực", "giấy chứng nhận hợp tác xã", "giấy phép khai thác khoáng sản",
    "giấy chứng nhận đăng ký thuốc thú y", "giấy phép vận chuyển hàng nguy hiểm", "hộ chiếu phổ thông",
    "thẻ căn cước", "giấy phép lái xe", "giấy chứng nhận kiểm định", "hợp đồng, giao dịch",
    "nội quy lao động", "thang lương, bảng lương", "trợ cấp thất nghiệp", "bảo hiểm xã hội một lần",
    "học bổng chính sách", "chế độ trợ cấp xã hội hằng tháng", "danh hiệu nghệ nhân", "di tích lịch sử",
]  # fmt: skip
QUALIFIERS = [
    "", "đối với tổ chức", "đối với cá nhân", "cho người nước ngoài", "cấp tỉnh", "cấp xã", "tại khu công nghiệp",
    "trong trường hợp bị mất, hỏng", "do thay đổi thông tin", "đối với công trình cấp II, cấp III",
    "đối với nhà ở riêng lẻ", "cho doanh nghiệp nhỏ và vừa", "có yếu tố nước ngoài", "khi hết thời hạn",
]  # fmt: skip
FIELD_NAMES = [
    ("Hộ tịch", "Tư pháp"), ("Chứng thực", "Tư pháp"), ("Lý lịch tư pháp", "Tư pháp"), ("Công chứng", "Tư pháp"),
    ("Thành lập và hoạt động của hộ kinh doanh", "Tài chính"), ("Thành lập và hoạt động doanh nghiệp", "Tài chính"),
    ("Đầu tư tại Việt Nam", "Tài chính"), ("Hoạt động xây dựng", "Xây dựng"), ("Nhà ở", "Xây dựng"),
    ("Đường bộ", "Xây dựng"), ("Đất đai", "Nông nghiệp và Môi trường"), ("Môi trường", "Nông nghiệp và Môi trường"),
    ("Tài nguyên nước", "Nông nghiệp và Môi trường"), ("Thú y", "Nông nghiệp và Môi trường"),
    ("Lưu thông hàng hóa trong nước", "Công Thương"), ("Kinh doanh khí", "Công Thương"), ("Điện", "Công Thương"),
    ("An toàn thực phẩm", "Công Thương"), ("Văn bằng, chứng chỉ", "Giáo dục và Đào tạo"),
    ("Giáo dục trung học", "Giáo dục và Đào tạo"), ("Việc làm", "Nội vụ"), ("Lao động", "Nội vụ"),
    ("Bảo trợ xã hội", "Nội vụ"), ("Tôn giáo", "Dân tộc và Tôn giáo"), ("Dược phẩm", "Y tế"),
    ("Khám bệnh, chữa bệnh", "Y tế"), ("Văn hóa cơ sở", "Văn hóa, Thể thao và Du lịch"),
    ("Di sản văn hóa", "Văn hóa, Thể thao và Du lịch"), ("Quảng cáo", "Văn hóa, Thể thao và Du lịch"),
    ("Xuất bản", "Văn hóa, Thể thao và Du lịch"),
]  # fmt: skip
DEPARTMENTS = [
    "Sở Tư pháp", "Sở Xây dựng", "Sở Tài chính", "Sở Nông nghiệp và Môi trường", "Sở Công Thương",
    "Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Y tế", "Sở Văn hóa và Thể thao", "Sở Dân tộc và Tôn giáo",
]  # fmt: skip
COMPONENTS = ["Đơn đề nghị theo mẫu", "Bản sao giấy tờ pháp lý", "Tài liệu chứng minh đủ điều kiện"]


def _names(count: int, rng: random.Random) -> list[str]:
    real = [p["name"] for p in json.loads(DEMO.read_text())["procedures"] if p["version"] == 1]
    combos = [" ".join(p for p in c if p) for c in itertools.product(ACTIONS, OBJECTS, QUALIFIERS)]
    rng.shuffle(combos)
    names = real + [n[0].upper() + n[1:] for n in combos if n not in real]
    return names[:count]


def _agencies() -> tuple[list[Agency], list[Agency]]:
    """Bench agencies: a province, its departments and 120 wards and communes (created once)."""
    province = Agency.objects.filter(code="000.00.00.B99").first()
    if province is None:
        province = Agency.objects.create(code="000.00.00.B99", name="UBND tỉnh Bench", kind=AgencyKind.PROVINCE)
        departments = [
            Agency(code=f"000.00.{10 + i:02d}.B99", name=name, kind=AgencyKind.DEPARTMENT, parent=province)
            for i, name in enumerate(DEPARTMENTS)
        ]
        communes = [
            Agency(
                code=f"000.{i % 99 + 1:02d}.{90 + i // 99}.B99",
                name=f"Ủy ban nhân dân {'phường' if i % 2 else 'xã'} Bench {i + 1}",
                kind=AgencyKind.WARD if i % 2 else AgencyKind.COMMUNE,
                parent=province,
            )
            for i in range(120)
        ]
        Agency.objects.bulk_create(departments + communes)
    departments = list(Agency.objects.filter(code__endswith=".B99", kind=AgencyKind.DEPARTMENT).order_by("code"))
    communes = list(Agency.objects.filter(code__endswith=".B99", kind__in=["ward", "commune"]).order_by("code"))
    return departments, communes


def _copy(model: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Bulk insert: COPY on PostgreSQL, executemany on SQLite."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))


def _next_id(model: Any) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def _reset_sequences(models: Iterable[Any]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def ensure_data(count: int, log: Callable[[str], object]) -> float:
    """Create the bench catalogue if it is not there; return the seconds the load took (0 when reused)."""
    have = ProcedureVersion.objects.filter(field__code__startswith=MARK).count()
    loaded = 0.0
    if have >= count:
        log(f"reusing {have} bench procedures")
    elif have:
        raise SystemExit("partial bench data: delete the bench database and run again")
    else:
        started = time.perf_counter()
        with transaction.atomic():
            _generate(count, random.Random(7), log)
        loaded = time.perf_counter() - started
    settle()
    return loaded


def settle() -> None:
    """Bring the database to the steady state autovacuum keeps in production: statistics fresh and, on
    PostgreSQL, the GIN indexes' pending lists merged (a bulk load leaves them long, and every search then
    scans them: 13 ms instead of 1.5 ms for a long query)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _generate(count: int, rng: random.Random, log: Callable[[str], object]) -> None:
    now = clock.now()
    departments, communes = _agencies()
    fields = [
        Field(code=f"{MARK}{i:02d}", name=name, sector=sector, created_at=now)
        for i, (name, sector) in enumerate(FIELD_NAMES)
    ]
    Field.objects.bulk_create(fields)
    fields = list(Field.objects.filter(code__startswith=MARK).order_by("code"))
    names = _names(count, rng)
    first_procedure, first_version, first_component = (
        _next_id(Procedure),
        _next_id(ProcedureVersion),
        _next_id(Component),
    )
    procedures: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    links: list[tuple[int, int]] = []
    components: list[tuple[Any, ...]] = []
    words: set[str] = set()
    for i, name in enumerate(names):
        code = f"9.{i:06d}"
        pid, vid = first_procedure + i, first_version + i
        field = fields[i % len(fields)]
        commune_level = i % 3 == 0
        department = departments[i % len(departments)]
        agency_text = "Ủy ban nhân dân cấp xã" if commune_level else department.name
        limit = Decimal(rng.choice([1, 3, 5, 7, 10, 15, 20]))
        committed = limit - Decimal("0.5") if limit > 1 and rng.random() < 0.5 else limit
        online = rng.choice(["full", "full", "partial", "none"])
        search_name = normalise(code, name)
        search_text = normalise(code, name, field.name, field.code, field.sector, agency_text,
                                "" if commune_level else department.name)  # fmt: skip
        words.update(search_text.split())
        procedures.append((pid, now, now, code, "published"))
        versions.append((
            vid, now, now, pid, 1, "published", name, field.pk, "commune" if commune_level else "province",
            agency_text, "", "", ",commune,ward," if commune_level else "", True, i % 4 == 0, limit,
            "working_day", committed, "working_day", "", "Nộp hồ sơ; tiếp nhận; giải quyết; trả kết quả.", "", "[]",
            True, True, online != "none", online, "Phải kiểm tra thực tế." if online == "partial" else "",
            online == "full", i % 10 == 0, dt.date(2025, 7, 1), None, now, search_name, search_text,
        ))  # fmt: skip
        if not commune_level:
            links.append((vid, department.pk))
        for position, component in enumerate(COMPONENTS, 1):
            components.append((first_component + len(components), vid, position, "", component, 1, 0, 0,
                               "mandatory", "", "", "", "", False))  # fmt: skip
    log(f"loading {len(procedures)} procedures, {len(components)} components")
    _copy(Procedure, ["id", "created_at", "updated_at", "code", "status"], procedures)
    _copy(ProcedureVersion, [f.column for f in ProcedureVersion._meta.concrete_fields if f.column != "search_vector"],
          versions)  # fmt: skip
    _copy(ProcedureVersion.agencies.through, ["procedureversion_id", "agency_id"], links)
    _copy(
        Component,
        ["id", "version_id", "position", "case", "name", "originals", "certified_copies", "copies", "requirement",
         "condition", "form_name", "form_url", "form_file", "from_data_store"],
        components,
    )  # fmt: skip
    _reset_sequences([Procedure, ProcedureVersion, Component])
    if connection.vendor == "postgresql":
        log("computing the full-text vectors")
        ProcedureVersion.objects.filter(field__code__startswith=MARK).update(search_vector=search_vector_expression())
    else:
        sqlite_fts.store((row[0], row[-1]) for row in versions)
    add_words(words)
    _ = communes  # created for the agency filter of the queries
