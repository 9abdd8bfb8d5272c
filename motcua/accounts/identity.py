"""Identification numbers of applicants: CCCD (personal identification number), passport, tax code.

- CCCD: 12 digits. Digits 1–3 are the code of the province (or of a place abroad) where the birth was
  registered, from the list of Thông tư 07/2016/TT-BCA (art. 7, annex); digit 4 encodes sex and century
  (0/1: 1900s male/female, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 2300s); digits 5–6 are the last two digits
  of the year of birth. When a date of birth is known, century and year are checked against it.
- Tax code (mã số thuế): 10 digits with a check digit, or 10 + ``-`` + 3 for a dependent unit (branch);
  validated by python-stdnum (``stdnum.vn.mst``).
- Passport: 1–2 letters followed by 6–8 digits for Vietnamese passports; foreign passports vary, so 6–12 letters
  and digits.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.vn import mst

#: Birth-registration place codes of Thông tư 07/2016/TT-BCA (the 63 provinces before 2025) — they stay printed
#: on cards issued before and after the 2025 merger.
CCCD_PROVINCE_CODES = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
        "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
        "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
        "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
        "089", "091", "092", "093", "094", "095", "096",
    }
)  # fmt: skip

_CCCD_RE = re.compile(r"^\d{12}$")
_PASSPORT_RE = re.compile(r"^[A-Z0-9]{6,12}$")


def normalise_cccd(value: str) -> str:
    return re.sub(r"[\s.]", "", value or "")


def validate_cccd(value: str, date_of_birth: dt.date | None = None) -> str:
    """Return the normalised CCCD or raise ``ValidationError`` with a precise message."""
    number = normalise_cccd(value)
    if not _CCCD_RE.match(number):
        raise ValidationError(
            _("A personal identification number has exactly 12 digits (got “%(value)s”)."),
            code="cccd_format",
            params={"value": value},
        )
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("“%(value)s” does not start with a province code (001–096) of the issuing list."),
            code="cccd_province",
            params={"value": value},
        )
    if date_of_birth is not None:
        century = 1900 + 100 * (int(number[3]) // 2)
        year = century + int(number[4:6])
        if year != date_of_birth.year:
            raise ValidationError(
                _("The personal identification number encodes birth year %(year)d, not %(dob)d."),
                code="cccd_birth_year",
                params={"year": year, "dob": date_of_birth.year},
            )
    return number


def normalise_tax_code(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value or "")
    return f"{digits[:10]}-{digits[10:]}" if len(digits) == 13 else digits


def validate_tax_code(value: str) -> str:
    """Return the normalised tax code (``0123456789`` or ``0123456789-001``) or raise ``ValidationError``."""
    number = normalise_tax_code(value)
    if not re.fullmatch(r"\d{10}(-\d{3})?", number):
        raise ValidationError(
            _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch (got “%(value)s”)."),
            code="tax_code_format",
            params={"value": value},
        )
    try:
        mst.validate(number)
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The check digit of tax code “%(value)s” is wrong."),
            code="tax_code_checksum",
            params={"value": value},
        ) from exc
    except StdnumError as exc:
        raise ValidationError(
            _("“%(value)s” is not a valid tax code."), code="tax_code_invalid", params={"value": value}
        ) from exc
    return number


def validate_passport(value: str) -> str:
    number = re.sub(r"\s", "", value or "").upper()
    if not _PASSPORT_RE.match(number):
        raise ValidationError(
            _("A passport number has 6–12 letters and digits (got “%(value)s”)."),
            code="passport_format",
            params={"value": value},
        )
    return number
