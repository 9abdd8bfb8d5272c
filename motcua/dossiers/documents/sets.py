"""The legal form sets and which one a dossier prints with.

TT 01/2018/TT-VPCP (six forms) applies to dossiers received before 1 July 2025, TT 03/2025/TT-VPCP (seven forms)
to dossiers received from that day (RULES §1, §8). The schedule is configuration: the setting
``MOTCUA_FORM_SETS`` is a list of ``(first day, set key)`` pairs; a dossier prints with the set in force on its
reception date (a dossier never received: the day it was handed in), so a dossier received under the old rules stays
printable as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from motcua.core import clock
from motcua.core.errors import NotFound

# What a form is about; the builders and the applicability rules are chosen by kind, not by number.
RECEIPT = "receipt"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
SUPPLEMENT = "supplement"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
REFUSAL = "refusal"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ
APOLOGY = "apology"  # Phiếu xin lỗi và hẹn lại ngày trả kết quả / Văn bản xin lỗi và đề nghị gia hạn
STOP = "stop"  # Thông báo dừng giải quyết hồ sơ (2025 only)
CONTROL = "control"  # Phiếu kiểm soát quá trình giải quyết hồ sơ
REGISTER = "register"  # Sổ theo dõi hồ sơ

A5 = "A5"
#: The receipt: the applicant keeps it, and a usual dossier's component list with both signature blocks does not fit
#: on A5 (four components already pushed the signatures alone onto a second page).
A4 = "A4"
A4_LANDSCAPE = "A4 landscape"


@dataclass(frozen=True)
class FormDef:
    number: str
    kind: str
    title: str
    page: str

    @property
    def per_dossier(self) -> bool:
        return self.kind != REGISTER


@dataclass(frozen=True)
class FormSet:
    key: str
    legal_basis: str
    forms: tuple[FormDef, ...]

    def form(self, number: str) -> FormDef | None:
        return next((f for f in self.forms if f.number == number), None)

    def of_kind(self, kind: str) -> FormDef | None:
        return next((f for f in self.forms if f.kind == kind), None)

    def template(self, form: FormDef) -> str:
        return f"forms/{self.key}/{form.number}.html"


TT01_2018 = FormSet(
    key="tt01_2018",
    legal_basis="Thông tư số 01/2018/TT-VPCP",
    forms=(
        FormDef("01", RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", A4),
        FormDef("02", SUPPLEMENT, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", A5),
        FormDef("03", REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", A5),
        FormDef("04", APOLOGY, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", A5),
        FormDef("05", CONTROL, "Phiếu kiểm soát quá trình giải quyết hồ sơ", A5),
        FormDef("06", REGISTER, "Sổ theo dõi hồ sơ", A4_LANDSCAPE),
    ),
)

TT03_2025 = FormSet(
    key="tt03_2025",
    legal_basis="Thông tư số 03/2025/TT-VPCP",
    forms=(
        FormDef("01", RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", A4),
        FormDef("02", SUPPLEMENT, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", A5),
        FormDef("03", REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", A5),
        FormDef("04", APOLOGY, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", A5),
        FormDef("05", STOP, "Thông báo dừng giải quyết hồ sơ", A5),
        FormDef("06", CONTROL, "Phiếu kiểm soát quá trình giải quyết hồ sơ", A5),
        FormDef("07", REGISTER, "Sổ theo dõi hồ sơ", A4_LANDSCAPE),
    ),
)

SETS: dict[str, FormSet] = {s.key: s for s in (TT01_2018, TT03_2025)}

#: The default schedule: TT 01/2018 until 30 June 2025, TT 03/2025 from 1 July 2025 (NĐ 118/2025 in force).
#: The first entry also covers every earlier day.
DEFAULT_SCHEDULE: tuple[tuple[str, str], ...] = (("2019-01-01", "tt01_2018"), ("2025-07-01", "tt03_2025"))


def schedule() -> list[tuple[dt.date, FormSet]]:
    """The configured schedule, checked: ``settings.MOTCUA_FORM_SETS`` or the default, sorted by first day."""
    raw: Any = getattr(settings, "MOTCUA_FORM_SETS", DEFAULT_SCHEDULE)
    entries: list[tuple[dt.date, FormSet]] = []
    try:
        for first_day, key in raw:
            day = first_day if isinstance(first_day, dt.date) else dt.date.fromisoformat(str(first_day))
            entries.append((day, SETS[key]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"MOTCUA_FORM_SETS must be a list of (YYYY-MM-DD, set) with sets among {sorted(SETS)}: {exc!r}"
        ) from exc
    if not entries:
        raise ImproperlyConfigured("MOTCUA_FORM_SETS is empty: at least one form set must be in force.")
    return sorted(entries, key=lambda e: e[0])


def set_on(day: dt.date) -> FormSet:
    """The form set in force on ``day`` (the first set also covers every earlier day)."""
    entries = schedule()
    chosen = entries[0][1]
    for first_day, form_set in entries:
        if first_day <= day:
            chosen = form_set
    return chosen


def set_date(received_at: dt.datetime | None, submitted_at: dt.datetime | None, created_at: dt.datetime) -> dt.date:
    """The day that decides a dossier's set: its reception; for a dossier never received, the day it was handed in."""
    moment = received_at or submitted_at or created_at
    return moment.astimezone(clock.VN_TZ).date()


def form_of(form_set: FormSet, number: str) -> FormDef:
    """The form ``number`` of ``form_set``, or a 404 naming the set's numbers."""
    form = form_set.form(number)
    if form is None:
        raise NotFound(
            _("Form %(number)s does not exist in %(basis)s (forms %(numbers)s).")
            % {"number": number, "basis": form_set.legal_basis, "numbers": ", ".join(f.number for f in form_set.forms)},
            code="form_not_in_set",
        )
    return form
