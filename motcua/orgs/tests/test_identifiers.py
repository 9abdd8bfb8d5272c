import pytest
from django.core.exceptions import ValidationError

from motcua.orgs.identifiers import identifier_levels, validate_identifier_code


@pytest.mark.parametrize("code", ["000.00.00.H26", "000.00.10.H26", "000.01.90.H26", "001.02.10.H26", "000.00.00.G01"])
def test_well_formed_codes_pass(code):
    validate_identifier_code(code)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("000.00.10.h26", "identifier_format"),  # lower-case letter group
        ("00.00.10.H26", "identifier_format"),  # level 4 has three characters
        ("000.00.10.H2", "identifier_format"),
        ("000-00-10-H26", "identifier_format"),
        ("", "identifier_format"),
        ("000.00.00.000", "identifier_format"),  # level 1 needs a letter group
        ("001.00.10.H26", "identifier_level"),  # level 4 used, level 3 zero
        ("000.05.00.H26", "identifier_level"),  # level 3 used, level 2 zero
    ],
)
def test_malformed_codes_are_refused_with_the_reason(code, why):
    with pytest.raises(ValidationError) as caught:
        validate_identifier_code(code)
    assert caught.value.code == why


def test_levels_read_right_to_left():
    assert identifier_levels("000.00.10.H26") == ["H26", "10"]
    assert identifier_levels("001.02.10.H26") == ["H26", "10", "02", "001"]
