import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.identity import validate_cccd, validate_passport, validate_tax_code


@pytest.mark.parametrize(
    ("number", "dob"),
    [
        ("001090012345", dt.date(1990, 3, 14)),  # Hà Nội, male, born 1990
        ("079301000123", dt.date(2001, 5, 5)),  # TP HCM, female, born 2001
        ("096 185 004 321", None),  # spaces are tolerated
    ],
)
def test_valid_cccd(number, dob):
    assert len(validate_cccd(number, dob)) == 12


@pytest.mark.parametrize(
    ("number", "dob", "code"),
    [
        ("00109001234", None, "cccd_format"),  # 11 digits
        ("0010900123456", None, "cccd_format"),  # 13 digits
        ("00109001234A", None, "cccd_format"),
        ("003090012345", None, "cccd_province"),  # 003 is not a province code
        ("099090012345", None, "cccd_province"),
        ("001090012345", dt.date(1991, 1, 1), "cccd_birth_year"),  # encodes 1990
        ("001290012345", dt.date(1990, 1, 1), "cccd_birth_year"),  # century digit 2 = 2000s
    ],
)
def test_invalid_cccd_says_why(number, dob, code):
    with pytest.raises(ValidationError) as caught:
        validate_cccd(number, dob)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("number", "normalised"),
    [("0100109106", "0100109106"), ("0314409058-002", "0314409058-002"), ("0314409058002", "0314409058-002")],
)
def test_valid_tax_codes(number, normalised):
    assert validate_tax_code(number) == normalised


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("0100109107", "tax_code_checksum"),  # wrong check digit
        ("010010910", "tax_code_format"),
        ("01001091060", "tax_code_format"),
        ("0314409058-000", "tax_code_invalid"),  # branch 000 does not exist
        ("abcdefghij", "tax_code_format"),
    ],
)
def test_invalid_tax_codes_say_why(number, code):
    with pytest.raises(ValidationError) as caught:
        validate_tax_code(number)
    assert caught.value.code == code


def test_passport():
    assert validate_passport("c1234567") == "C1234567"
    with pytest.raises(ValidationError):
        validate_passport("12-34")
