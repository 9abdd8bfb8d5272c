"""The index's parameters: each key with its default (RULES §9–§10), its help text and the values it accepts.

Pure definitions, read by the model's validation, the admin and :mod:`motcua.metrics.config` (which reads the rows
in force); kept apart from the configuration reader so that the model does not import its own reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

NUMBER, INTEGER, CHOICE = "number", "integer", "choice"


@dataclass(frozen=True)
class Param:
    key: str
    default: Any
    help: Any
    kind: str = NUMBER
    low: float = 0
    high: float = 100
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        """The value converted to its type, or ``ValueError`` with a readable reason."""
        if self.kind == CHOICE:
            if value not in self.choices:
                raise ValueError(_("Choose one of: %(choices)s.") % {"choices": ", ".join(self.choices)})
            return value
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError(_("A number is required."))
        try:
            number = Decimal(str(value))
        except ArithmeticError as exc:
            raise ValueError(_("A number is required.")) from exc
        if not number.is_finite() or not self.low <= number <= self.high:
            raise ValueError(_("Between %(low)s and %(high)s.") % {"low": self.low, "high": self.high})
        if self.kind == INTEGER:
            if number != number.to_integral_value():
                raise ValueError(_("A whole number is required."))
            return int(number)
        return float(number) if number != number.to_integral_value() else int(number)


def _max(key: str, default: int, what: Any) -> Param:
    return Param(key, default, format_lazy(_("Points of the indicator “{what}”."), what=what), high=100)


PARAMS: tuple[Param, ...] = (
    _max("transparency.published_on_time.max", 6, _("procedures published on time")),
    _max("transparency.made_public_on_time.max", 4, _("procedures made public on time")),
    _max("transparency.complete_content.max", 2, _("complete content")),
    _max("transparency.dossiers_synced.max", 6, _("dossiers synced in real time")),
    Param("transparency.publish_lead_days.ministry", 20, _("Working days a ministry's decision must precede the "
          "legal basis taking effect."), INTEGER, 0, 365),
    Param("transparency.publish_lead_days.province", 5, _("Working days a province's decision must precede the "
          "legal basis taking effect."), INTEGER, 0, 365),
    Param("transparency.made_public_days.ministry", 10, _("Working days after a ministry's decision within which "
          "the procedures must be made public in the national database."), INTEGER, 0, 365),
    Param("transparency.made_public_days.province", 5, _("Working days after a province's decision within which "
          "the procedures must be made public in the national database."), INTEGER, 0, 365),
    _max("progress.on_time.max", 20, _("on-time handling")),
    Param("progress.max_supplement_requests", 1, _("Supplement requests after reception a dossier may have; more "
          "count as overdue (taken on the reception day)."), INTEGER, 0, 20),
    _max("online_services.full_online.max", 12, _("full-process online dossiers")),
    Param("online_services.procedures_full_at", 0.8, _("Share of procedures offered full-process online that "
          "gives the full points of its component."), NUMBER, 0.01, 1),
    Param("online_services.submissions_full_at", 0.5, _("Share of full-process online submissions that gives the "
          "full points of its component."), NUMBER, 0.01, 1),
    Param("online_services.procedures_weight", 0.5, _("Weight of the procedures component (the submissions "
          "component weighs the rest)."), NUMBER, 0, 1),
    _max("online_payment.max", 10, _("online payment")),
    Param("online_payment.a_weight", 6, _("Points per unit of A (dossiers paid online ÷ dossiers with fees)."),
          NUMBER, 0, 100),
    Param("online_payment.b_factor", 2.5, _("Factor of B (fee procedures with an online payment ÷ fee "
          "procedures)."), NUMBER, 0, 100),
    Param("online_payment.b_cap", 2, _("Cap of the B term."), NUMBER, 0, 100),
    Param("online_payment.c_factor", 2.5, _("Factor of C (fee procedures paid through the national payment "
          "platform ÷ fee procedures)."), NUMBER, 0, 100),
    _max("satisfaction.petitions_on_time.max", 6, _("petitions handled on time")),
    _max("satisfaction.petition_satisfaction.max", 6, _("satisfaction with petition handling")),
    _max("satisfaction.dossier_satisfaction.max", 6, _("satisfaction with dossier handling")),
    Param("satisfaction.dossier_satisfaction.threshold", 0.9, _("Satisfaction rate from which the dossier "
          "satisfaction indicator gives full points."), NUMBER, 0.01, 1),
    Param("petitions.reject_days", 2, _("Working days to reject a petition."), INTEGER, 0, 365),
    Param("petitions.supplement_days", 5, _("Working days to ask for a petition to be completed."), INTEGER, 0, 365),
    Param("petitions.resolve_days", 15, _("Working days to resolve a petition from submission or the last "
          "transfer."), INTEGER, 0, 365),
    Param("petitions.publish_days", 2, _("Working days to publish a petition's answer."), INTEGER, 0, 365),
    _max("digitisation.electronic_result.max", 6, _("electronic results")),
    _max("digitisation.digitised.max", 4, _("digitised components and results")),
    Param("digitisation.digitised.full_at", 0.8, _("Share of digitised dossiers that gives full points."),
          NUMBER, 0.01, 1),
    _max("digitisation.certified_copies.max", 2, _("electronic certified copies")),
    _max("digitisation.reuse.max", 2, _("reuse of digitised data")),
    Param("digitisation.reuse.full_at", 0.8, _("Share of dossiers reusing digitised data that gives full points."),
          NUMBER, 0.01, 1),
    _max("digitisation.data_store.max", 4, _("linked to the national personal data store")),
    _max("digitisation.population_db_dossier.max", 2, _("population database use per dossier")),
    _max("digitisation.population_db_procedure.max", 2, _("population database use per procedure")),
    Param("band.excellent", 90, _("Lowest share of the available points (%) ranked excellent.")),
    Param("band.good", 80, _("Lowest share of the available points (%) ranked good.")),
    Param("band.fair", 70, _("Lowest share of the available points (%) ranked fair.")),
    Param("band.average", 50, _("Lowest share of the available points (%) ranked average; below is weak.")),
    Param("display.rule", "truncate", _("How shown numbers are cut to their decimals: truncate (the national "
          "portal's display) or round (half up)."), CHOICE, choices=("truncate", "round")),
    Param("display.decimals", 2, _("Decimals of shown numbers."), INTEGER, 0, 6),
)  # fmt: skip

BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
#: The date from which the seeded defaults apply (QĐ 766/QĐ-TTg, 23/06/2022; earlier periods use them too).
SEED_FROM = dt.date(2000, 1, 1)
