"""Electronic identifier codes of agencies (mã định danh điện tử, QĐ 20/2020/QĐ-TTg).

Shape ``V1V2V3.Z1Z2.Y1Y2.MX1X2``, read right to left: level 1 ``MX1X2`` (a capital letter group and two
digits, e.g. ``H26``), then level 2 ``Y1Y2``, level 3 ``Z1Z2``, level 4 ``V1V2V3``. A level that is not used
is all zeros, and a used level needs every level to its right: ``001.00.10.H26`` (level 4 without level 3) is
malformed.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

IDENTIFIER_RE = re.compile(r"^(?P<l4>\d{3})\.(?P<l3>\d{2})\.(?P<l2>\d{2})\.(?P<l1>[A-Z]\d{2})$")


def identifier_levels(code: str) -> list[str]:
    """The used levels of ``code`` from level 1 outwards, e.g. ``['H26', '10']`` for ``000.00.10.H26``."""
    match = IDENTIFIER_RE.match(code)
    if not match:
        raise ValueError(code)
    levels = [match["l1"], match["l2"], match["l3"], match["l4"]]
    return [level for level in levels if set(level) != {"0"}]


def validate_identifier_code(code: str) -> None:
    """Raise ``ValidationError`` unless ``code`` is a well-formed identifier code."""
    match = IDENTIFIER_RE.match(code or "")
    if not match:
        raise ValidationError(
            _("“%(code)s” is not an agency identifier code of the form 000.00.00.H26."),
            code="identifier_format",
            params={"code": code},
        )
    levels = [match["l1"], match["l2"], match["l3"], match["l4"]]
    used = [set(level) != {"0"} for level in levels]
    if not used[0]:
        raise ValidationError(
            _("“%(code)s”: level 1 (the last group) cannot be zero."),
            code="identifier_level",
            params={"code": code},
        )
    for outer in range(1, 4):
        if used[outer] and not used[outer - 1]:
            raise ValidationError(
                _("“%(code)s”: level %(outer)d is used but level %(inner)d is zero."),
                code="identifier_level",
                params={"code": code, "outer": outer + 1, "inner": outer},
            )
