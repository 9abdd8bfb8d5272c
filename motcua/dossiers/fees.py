"""What a dossier still owes: its fee lines against the payments recorded, or an exemption (issue 13 §3).

Payments are not tied to a fee line (a receipt may cover several), so the paid total covers the lines in their
order; the lines it does not reach are unpaid. An exemption covers every line.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.dossiers.models import Dossier, FeeExemption, FeeLine, PaymentStatus


@dataclass(frozen=True)
class FeeLineState:
    line: FeeLine
    paid: int  # the part of the line covered by payments

    @property
    def unpaid(self) -> int:
        return self.line.amount - self.paid


@dataclass(frozen=True)
class FeeStatus:
    lines: list[FeeLineState]
    paid_total: int
    exemption: FeeExemption | None

    @property
    def unpaid_lines(self) -> list[FeeLineState]:
        return [] if self.exemption is not None else [s for s in self.lines if s.unpaid > 0]

    @property
    def settled(self) -> bool:
        return not self.unpaid_lines

    @property
    def owed(self) -> int:
        return sum(s.unpaid for s in self.unpaid_lines)


def fee_status(dossier: Dossier) -> FeeStatus:
    lines = list(dossier.fee_lines.order_by("pk"))
    paid_total = sum(p.amount for p in dossier.payments.filter(status=PaymentStatus.PAID))
    left = paid_total
    states = []
    for line in lines:
        covered = min(line.amount, left)
        left -= covered
        states.append(FeeLineState(line, covered))
    exemption = FeeExemption.objects.filter(dossier=dossier).first()
    return FeeStatus(states, paid_total, exemption)
