"""Amounts of money as Vietnamese pages write them: 200.000 đ (dot between thousands, a space, then đ)."""

from __future__ import annotations

from decimal import Decimal


def vnd(amount: int | Decimal | str | None) -> str:
    """``200000`` → ``"200.000 đ"``; ``None`` or something that is not a number → ``""``."""
    if amount is None or amount == "":
        return ""
    try:
        value = int(Decimal(str(amount)))
    except ArithmeticError:
        return ""
    return f"{value:,}".replace(",", ".") + " đ"


def fee_row_label(row: dict[str, object]) -> str:
    """One row of a fee table, as a choice: ``"Bản sao: 200.000 đ"``."""
    return f"{row.get('label', '')}: {vnd(row.get('amount'))}"  # type: ignore[arg-type]
