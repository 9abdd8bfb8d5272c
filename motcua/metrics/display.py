"""How numbers are shown: cut to the configured decimals, by truncation (default, the national portal's display:
29,322 ÷ 31,751 = 92.3498…% is shown 92.34%) or by rounding half up."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from motcua.metrics.config import Config


def shown(value: Fraction | int | None, *, rule: str = "truncate", decimals: int = 2) -> float | None:
    """``value`` cut to ``decimals`` by ``rule`` ("truncate" toward zero, or "round" half away from zero)."""
    if value is None:
        return None
    scaled = Fraction(value) * 10**decimals
    whole = math.floor(abs(scaled) + (Fraction(1, 2) if rule == "round" else 0))
    return float(Decimal(whole if scaled >= 0 else -whole).scaleb(-decimals))


def shown_by(config: Config, value: Fraction | int | None) -> float | None:
    return shown(value, rule=str(config.value("display.rule")), decimals=config.integer("display.decimals"))
