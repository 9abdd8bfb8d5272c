"""The 766 index formulas (RULES §10), as pure functions of counts and the configuration, in exact fractions.

A ratio with a zero denominator is 0 unless the rule says otherwise; an indicator motcua cannot feed is
``no_data`` (no score, left out of ``max_available``); the petition indicators give full points while there are no
petitions (``no_petitions``); publication indicators do not apply to a scope that issues no publication decisions
(``not_applicable``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from motcua.metrics.catalogue import CatalogueFacts, Ratio
from motcua.metrics.config import Config
from motcua.metrics.measures import M
from motcua.metrics.petitions import PetitionCounts
from motcua.metrics.selectors import Sums

OK, NO_DATA, NO_PETITIONS, NOT_APPLICABLE = "ok", "no_data", "no_petitions", "not_applicable"
COUNTED = frozenset({OK, NO_PETITIONS})
ZERO = Fraction(0)
ONE = Fraction(1)
MINUTES_PER_WORKING_DAY = 480


def ratio(numerator: int, denominator: int) -> Fraction:
    """n ÷ d in [0, 1]; 0 when d is 0 (RULES §10)."""
    if denominator <= 0:
        return ZERO
    return min(ONE, max(ZERO, Fraction(numerator, denominator)))


def full_at(r: Fraction, threshold: Fraction) -> Fraction:
    """min(1, r ÷ threshold): full points from ``threshold`` on."""
    return min(ONE, r / threshold) if threshold > 0 else ONE


@dataclass
class Component:
    key: str
    numerator: int | None
    denominator: int | None
    score: Fraction | None = None
    max: Fraction | None = None


@dataclass
class Indicator:
    key: str
    max: Fraction
    status: str = OK
    numerator: int | None = None
    denominator: int | None = None
    score: Fraction | None = None
    value: Fraction | None = None
    components: list[Component] | None = None


@dataclass
class Group:
    key: str
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def max(self) -> Fraction:
        return sum((i.max for i in self.indicators), ZERO)

    @property
    def max_available(self) -> Fraction:
        return sum((i.max for i in self.indicators if i.status in COUNTED), ZERO)

    @property
    def score(self) -> Fraction:
        return sum((i.score for i in self.indicators if i.status in COUNTED and i.score is not None), ZERO)

    @property
    def status(self) -> str:
        statuses = {i.status for i in self.indicators}
        if statuses & COUNTED:
            return OK
        return NOT_APPLICABLE if statuses == {NOT_APPLICABLE} else NO_DATA


def simple(key: str, maximum: Fraction, n: int, d: int) -> Indicator:
    """max × n ÷ d."""
    return Indicator(key, maximum, numerator=n, denominator=d, score=maximum * ratio(n, d))


def capped(key: str, maximum: Fraction, n: int, d: int, threshold: Fraction) -> Indicator:
    """min(max, max × r ÷ threshold)."""
    return Indicator(key, maximum, numerator=n, denominator=d, score=maximum * full_at(ratio(n, d), threshold))


def no_data(key: str, maximum: Fraction) -> Indicator:
    return Indicator(key, maximum, status=NO_DATA)


def _publication(key: str, maximum: Fraction, facts: CatalogueFacts, counts: Ratio) -> Indicator:
    if not facts.publishes:
        return Indicator(key, maximum, status=NOT_APPLICABLE)
    return simple(key, maximum, counts.numerator, counts.denominator)


def transparency(sums: Sums, facts: CatalogueFacts, config: Config, *, sync_available: bool) -> Group:
    c = config.number
    synced = (
        simple("dossiers_synced", c("transparency.dossiers_synced.max"), sums.flow(M.SYNCED), sums.flow(M.RECEIVED))
        if sync_available
        else no_data("dossiers_synced", c("transparency.dossiers_synced.max"))
    )
    return Group("transparency", [
        _publication("published_on_time", c("transparency.published_on_time.max"), facts, facts.published_on_time),
        _publication("made_public_on_time", c("transparency.made_public_on_time.max"), facts,
                     facts.made_public_on_time),
        _publication("complete_content", c("transparency.complete_content.max"), facts, facts.complete_content),
        synced,
    ])  # fmt: skip


@dataclass(frozen=True)
class Progress:
    finished: int
    finished_on_time: int
    finished_early: int
    open: int
    open_on_time: int

    @classmethod
    def of(cls, sums: Sums) -> Progress:
        open_ = sums.stock(M.OPEN)
        return cls(
            finished=sums.flow(M.FINISHED),
            finished_on_time=sums.flow(M.FINISHED_ON_TIME),
            finished_early=sums.flow(M.FINISHED_EARLY),
            open=open_,
            open_on_time=open_ - sums.stock(M.OPEN_OVERDUE),
        )

    @property
    def numerator(self) -> int:
        return self.finished_on_time + self.open_on_time

    @property
    def denominator(self) -> int:
        return self.finished + self.open


def progress(sums: Sums, config: Config) -> Group:
    p = Progress.of(sums)
    on_time = simple("on_time", config.number("progress.on_time.max"), p.numerator, p.denominator)
    on_time.components = [
        Component("finished_on_time", p.finished_on_time, p.finished),
        Component("finished_early", p.finished_early, p.finished),
        Component("in_progress_on_time", p.open_on_time, p.open),
    ]
    minutes = sums.flow(M.FINISHED_MINUTES)
    average = Indicator(
        "average_time", ZERO, numerator=minutes, denominator=p.finished, score=ZERO,
        value=Fraction(minutes, p.finished * MINUTES_PER_WORKING_DAY) if p.finished else None,
    )  # fmt: skip
    return Group("progress", [on_time, average])


def online_services(sums: Sums, facts: CatalogueFacts, config: Config) -> Group:
    maximum = config.number("online_services.full_online.max")
    weight = config.number("online_services.procedures_weight")
    offered = len(facts.full_online & facts.competence)
    r1 = full_at(ratio(offered, len(facts.competence)), config.number("online_services.procedures_full_at"))
    filed, eligible = sums.flow(M.FULL_ONLINE), sums.flow(M.FULL_ELIGIBLE)
    r2 = full_at(ratio(filed, eligible), config.number("online_services.submissions_full_at"))
    indicator = Indicator("full_online", maximum, score=maximum * (weight * r1 + (1 - weight) * r2))
    indicator.components = [
        Component("procedures_offered", offered, len(facts.competence), maximum * weight * r1, maximum * weight),
        Component("online_submissions", filed, eligible, maximum * (1 - weight) * r2, maximum * (1 - weight)),
    ]
    return Group("online_services", [indicator])


def online_payment(sums: Sums, facts: CatalogueFacts, config: Config) -> Group:
    """6·A + min(2, 2.5·B) + 2.5·C, capped at the indicator's max (the three terms can reach 10.5)."""
    c = config.number
    fee_procedures = facts.with_fees
    paid = len(sums.procedures.get(int(M.PROC_PAID_ONLINE), set()) & fee_procedures)
    national = len(sums.procedures.get(int(M.PROC_PAID_NATIONAL), set()) & fee_procedures)
    a = ratio(sums.flow(M.PAID_ONLINE), sums.flow(M.WITH_FEES))
    b = ratio(paid, len(fee_procedures))
    r_c = ratio(national, len(fee_procedures))
    term_a = c("online_payment.a_weight") * a
    term_b = min(c("online_payment.b_cap"), c("online_payment.b_factor") * b)
    term_c = c("online_payment.c_factor") * r_c
    maximum = c("online_payment.max")
    indicator = Indicator("online_payment", maximum, score=min(maximum, term_a + term_b + term_c))
    indicator.components = [
        Component("A", sums.flow(M.PAID_ONLINE), sums.flow(M.WITH_FEES), term_a, c("online_payment.a_weight")),
        Component("B", paid, len(fee_procedures), term_b, c("online_payment.b_cap")),
        Component("C", national, len(fee_procedures), term_c, c("online_payment.c_factor")),
    ]
    return Group("online_payment", [indicator])


def _petitions(key: str, maximum: Fraction, counts: PetitionCounts | None, numerator: int) -> Indicator:
    if counts is None or counts.petitions == 0:
        return Indicator(key, maximum, status=NO_PETITIONS, numerator=0, denominator=0, score=maximum)
    return simple(key, maximum, max(0, numerator), counts.petitions)


def satisfaction(sums: Sums, config: Config, petitions: PetitionCounts | None) -> Group:
    c = config.number
    p = Progress.of(sums)
    overdue = p.denominator - p.numerator
    returned, rated, satisfied = sums.flow(M.RETURNED), sums.flow(M.RATED), sums.flow(M.SATISFIED)
    disliked = rated - satisfied
    rate = max(ZERO, ONE - ratio(overdue, p.denominator) - ratio(disliked, returned))
    threshold, maximum = c("satisfaction.dossier_satisfaction.threshold"), c("satisfaction.dossier_satisfaction.max")
    dossiers = Indicator(
        "dossier_satisfaction", maximum, score=maximum if rate >= threshold else maximum * rate / threshold, value=rate,
        components=[Component("overdue", overdue, p.denominator), Component("disliked", disliked, returned)],
    )  # fmt: skip
    on_time = petitions.on_time if petitions else 0
    handled_well = petitions.petitions - petitions.disliked - petitions.reopened - petitions.overdue if petitions else 0
    return Group("satisfaction", [
        _petitions("petitions_on_time", c("satisfaction.petitions_on_time.max"), petitions, on_time),
        _petitions("petition_satisfaction", c("satisfaction.petition_satisfaction.max"), petitions, handled_well),
        dossiers,
    ])  # fmt: skip


def digitisation(sums: Sums, config: Config) -> Group:
    c = config.number
    received = sums.flow(M.RECEIVED)
    return Group("digitisation", [
        simple("electronic_result", c("digitisation.electronic_result.max"), sums.flow(M.ELECTRONIC_RESULT),
               sums.flow(M.DECIDED)),
        capped("digitised", c("digitisation.digitised.max"), sums.flow(M.DIGITISED), received,
               c("digitisation.digitised.full_at")),
        no_data("certified_copies", c("digitisation.certified_copies.max")),
        capped("reuse", c("digitisation.reuse.max"), sums.flow(M.REUSED), received, c("digitisation.reuse.full_at")),
        no_data("data_store", c("digitisation.data_store.max")),
        no_data("population_db_dossier", c("digitisation.population_db_dossier.max")),
        no_data("population_db_procedure", c("digitisation.population_db_procedure.max")),
    ])  # fmt: skip


def all_groups(
    sums: Sums, facts: CatalogueFacts, config: Config, *, petitions: PetitionCounts | None, sync_available: bool
) -> list[Group]:
    return [
        transparency(sums, facts, config, sync_available=sync_available),
        progress(sums, config),
        online_services(sums, facts, config),
        online_payment(sums, facts, config),
        satisfaction(sums, config, petitions),
        digitisation(sums, config),
    ]


BANDS = ("excellent", "good", "fair", "average")


def band(total: Fraction, max_available: Fraction, config: Config) -> str | None:
    """The ranking class by the share of the available points (thresholds are configuration)."""
    if max_available <= 0:
        return None
    share = 100 * total / max_available
    for name in BANDS:
        if share >= config.number(f"band.{name}"):
            return name
    return "weak"
