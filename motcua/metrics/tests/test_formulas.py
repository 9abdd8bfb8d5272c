"""Every indicator of RULES §10 on hand-computed counts: ratios, zero denominators, thresholds, caps and statuses."""

import datetime as dt
from fractions import Fraction as F  # noqa: N817 - reads like the formulas

import pytest

from motcua.metrics import formulas
from motcua.metrics.catalogue import CatalogueFacts, Ratio
from motcua.metrics.config import Config
from motcua.metrics.display import shown
from motcua.metrics.measures import M
from motcua.metrics.petitions import PetitionCounts
from motcua.metrics.selectors import Sums

DEFAULTS = Config(dt.date(2026, 3, 31), {})


def sums(flows=None, stocks=None, procedures=None):
    return Sums(
        flows={int(k): v for k, v in (flows or {}).items()},
        stocks={int(k): v for k, v in (stocks or {}).items()},
        procedures={int(k): v for k, v in (procedures or {}).items()},
    )


def catalogue(**kw):
    base = {
        "publishes": True,
        "published_on_time": Ratio(0, 0),
        "made_public_on_time": Ratio(0, 0),
        "complete_content": Ratio(0, 0),
    }
    return CatalogueFacts(**{**base, **kw})


def indicator(group, key):
    return next(i for i in group.indicators if i.key == key)


# --- transparency -----------------------------------------------------------------------------------------------


def test_publication_indicators_are_max_times_the_ratio():
    # given 3 of 4 procedures published on time, 1 of 2 made public on time, 5 of 5 complete
    facts = catalogue(published_on_time=Ratio(3, 4), made_public_on_time=Ratio(1, 2), complete_content=Ratio(5, 5))
    group = formulas.transparency(sums(), facts, DEFAULTS, sync_available=False)
    # then 6 × 3/4, 4 × 1/2, 2 × 1
    assert indicator(group, "published_on_time").score == F(9, 2)
    assert indicator(group, "made_public_on_time").score == 2
    assert indicator(group, "complete_content").score == 2
    # and sync without a national portal connection cannot be known: no score, not in max_available
    synced = indicator(group, "dossiers_synced")
    assert (synced.status, synced.score) == ("no_data", None)
    assert group.max == 18 and group.max_available == 12 and group.score == F(17, 2)


def test_nothing_to_publish_gives_zero_as_the_rule_says():
    group = formulas.transparency(sums(), catalogue(), DEFAULTS, sync_available=True)
    assert indicator(group, "published_on_time").score == 0
    assert indicator(group, "published_on_time").status == "ok"
    assert indicator(group, "dossiers_synced").score == 0  # no dossier received: 0 ÷ 0 = 0


def test_a_scope_that_publishes_nothing_has_no_publication_indicators():
    group = formulas.transparency(sums(), catalogue(publishes=False), DEFAULTS, sync_available=True)
    assert {i.key: i.status for i in group.indicators} == {
        "published_on_time": "not_applicable",
        "made_public_on_time": "not_applicable",
        "complete_content": "not_applicable",
        "dossiers_synced": "ok",
    }
    assert group.max_available == 6


def test_dossiers_synced_is_six_times_synced_over_received():
    group = formulas.transparency(sums({M.RECEIVED: 40, M.SYNCED: 30}), catalogue(), DEFAULTS, sync_available=True)
    assert indicator(group, "dossiers_synced").score == F(9, 2)


# --- progress ---------------------------------------------------------------------------------------------------


def test_on_time_counts_finished_in_the_period_and_open_within_time_at_its_end():
    # given 80 finished in the period (70 on time), and at its end 20 open of which 5 overdue
    s = sums({M.FINISHED: 80, M.FINISHED_ON_TIME: 70, M.FINISHED_EARLY: 40}, {M.OPEN: 20, M.OPEN_OVERDUE: 5})
    on_time = indicator(formulas.progress(s, DEFAULTS), "on_time")
    # then (70 + 15) ÷ (80 + 20) × 20 = 17
    assert (on_time.numerator, on_time.denominator, on_time.score) == (85, 100, 17)
    assert [(c.key, c.numerator, c.denominator) for c in on_time.components] == [
        ("finished_on_time", 70, 80),
        ("finished_early", 40, 80),
        ("in_progress_on_time", 15, 20),
    ]


def test_no_dossier_at_all_gives_zero_progress():
    on_time = indicator(formulas.progress(sums(), DEFAULTS), "on_time")
    assert (on_time.numerator, on_time.denominator, on_time.score) == (0, 0, 0)


def test_average_time_is_display_only_in_working_days():
    s = sums({M.FINISHED: 4, M.FINISHED_MINUTES: 4 * 960 + 240})
    average = indicator(formulas.progress(s, DEFAULTS), "average_time")
    assert (average.max, average.score, average.value) == (0, 0, F(4 * 960 + 240, 4 * 480))


# --- online services --------------------------------------------------------------------------------------------


def test_online_services_full_points_from_80_percent_of_procedures_and_50_percent_of_submissions():
    facts = catalogue(competence={1, 2, 3, 4, 5}, full_online={1, 2, 3, 4, 9})  # 9: not in competence
    s = sums({M.FULL_ELIGIBLE: 100, M.FULL_ONLINE: 50})
    indicator_ = indicator(formulas.online_services(s, facts, DEFAULTS), "full_online")
    assert indicator_.score == 12  # 4/5 = 80% → 6 and 50% → 6


def test_online_services_below_the_thresholds_scale_linearly():
    facts = catalogue(competence={1, 2, 3, 4, 5}, full_online={1, 2})  # 40% → 6 × 0.4/0.8 = 3
    s = sums({M.FULL_ELIGIBLE: 100, M.FULL_ONLINE: 20})  # 20% → 6 × 0.2/0.5 = 2.4
    indicator_ = indicator(formulas.online_services(s, facts, DEFAULTS), "full_online")
    assert indicator_.score == F(27, 5)
    assert [(c.key, c.score) for c in indicator_.components] == [
        ("procedures_offered", 3),
        ("online_submissions", F(12, 5)),
    ]


# --- online payment ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paid", "with_fees", "procedures_paid", "national", "expected"),
    [
        # A = 30/60, B = 2/4, C = 1/4: 6×0.5 + min(2, 2.5×0.5) + 2.5×0.25 = 3 + 1.25 + 0.625
        (30, 60, {1, 2}, {1}, F(39, 8)),
        # B = 4/4: the B term is capped at 2; all of A and C: 6 + 2 + 2.5 = 10.5 → capped at 10
        (60, 60, {1, 2, 3, 4}, {1, 2, 3, 4}, 10),
        # nothing paid online, and no dossier with fees: zero denominators give 0
        (0, 0, set(), set(), 0),
    ],
)
def test_online_payment_is_6a_plus_min_2_25b_plus_25c(paid, with_fees, procedures_paid, national, expected):
    facts = catalogue(with_fees={1, 2, 3, 4})
    s = sums(
        {M.PAID_ONLINE: paid, M.WITH_FEES: with_fees},
        procedures={M.PROC_PAID_ONLINE: procedures_paid | {99}, M.PROC_PAID_NATIONAL: national},
    )
    assert indicator(formulas.online_payment(s, facts, DEFAULTS), "online_payment").score == expected


# --- satisfaction -----------------------------------------------------------------------------------------------


def test_petition_indicators_give_full_points_while_there_are_no_petitions():
    group = formulas.satisfaction(sums(), DEFAULTS, petitions=None)
    for key in ("petitions_on_time", "petition_satisfaction"):
        assert (indicator(group, key).status, indicator(group, key).score) == ("no_petitions", 6)
    assert formulas.satisfaction(sums(), DEFAULTS, PetitionCounts(0, 0, 0, 0, 0)).indicators[0].score == 6


def test_petition_indicators_read_the_counts_of_a_feedback_app():
    group = formulas.satisfaction(sums(), DEFAULTS, PetitionCounts(petitions=10, on_time=8, disliked=1,
                                                                   reopened=1, overdue=2))  # fmt: skip
    assert indicator(group, "petitions_on_time").score == F(24, 5)  # 6 × 8/10
    assert indicator(group, "petition_satisfaction").score == F(18, 5)  # 6 × (10 − 1 − 1 − 2)/10


@pytest.mark.parametrize(
    ("overdue_open", "disliked", "expected"),
    [
        (0, 10, 6),  # rate = 1 − 0 − 10/100 = 0.90: at the threshold, full points
        (0, 11, F(6 * 89, 90)),  # 0.89 → 6 × 0.89 / 0.9
        (5, 10, F(6 * 85, 90)),  # overdue 5/100 and disliked 10/100 → 0.85
    ],
)
def test_dossier_satisfaction_has_full_points_from_90_percent(overdue_open, disliked, expected):
    # given 100 dossiers in the progress count (finished on time, or open) and 100 returned, 60 rated
    s = sums(
        {M.FINISHED: 80, M.FINISHED_ON_TIME: 80, M.RETURNED: 100, M.RATED: 60, M.SATISFIED: 60 - disliked},
        {M.OPEN: 20, M.OPEN_OVERDUE: overdue_open},
    )
    assert indicator(formulas.satisfaction(s, DEFAULTS, None), "dossier_satisfaction").score == expected


def test_dossier_satisfaction_with_nothing_returned_or_handled_is_full():
    assert indicator(formulas.satisfaction(sums(), DEFAULTS, None), "dossier_satisfaction").score == 6


def test_the_threshold_is_configuration():
    config = Config(dt.date(2026, 3, 31), {"satisfaction.dossier_satisfaction.threshold": 0.8})
    s = sums({M.RETURNED: 100, M.RATED: 100, M.SATISFIED: 85})
    assert indicator(formulas.satisfaction(s, config, None), "dossier_satisfaction").score == 6


# --- digitisation -----------------------------------------------------------------------------------------------


def test_digitisation_computes_what_motcua_knows_and_says_no_data_for_the_rest():
    s = sums({M.DECIDED: 50, M.ELECTRONIC_RESULT: 25, M.RECEIVED: 100, M.DIGITISED: 60, M.REUSED: 20})
    group = formulas.digitisation(s, DEFAULTS)
    assert indicator(group, "electronic_result").score == 3  # 6 × 25/50
    assert indicator(group, "digitised").score == 3  # 4 × 0.6/0.8
    assert indicator(group, "reuse").score == F(1, 2)  # 2 × 0.2/0.8
    for key in ("certified_copies", "data_store", "population_db_dossier", "population_db_procedure"):
        assert (indicator(group, key).status, indicator(group, key).score) == ("no_data", None)
    assert (group.max, group.max_available) == (22, 12)


def test_digitised_at_or_above_80_percent_is_full():
    group = formulas.digitisation(sums({M.RECEIVED: 10, M.DIGITISED: 9, M.REUSED: 10}), DEFAULTS)
    assert indicator(group, "digitised").score == 4
    assert indicator(group, "reuse").score == 2


# --- total, bands, display --------------------------------------------------------------------------------------


def test_total_max_is_100_and_max_available_leaves_out_what_cannot_be_fed():
    groups = formulas.all_groups(sums(), catalogue(publishes=False), DEFAULTS, petitions=None, sync_available=False)
    assert [g.key for g in groups] == [
        "transparency", "progress", "online_services", "online_payment", "satisfaction", "digitisation",
    ]  # fmt: skip
    assert sum(g.max for g in groups) == 100
    # 18 transparency (none fed) and 10 of digitisation are out: 100 − 18 − 10
    assert sum(g.max_available for g in groups) == 72


@pytest.mark.parametrize(("total", "band"), [(72, "excellent"), (58, "good"), (50.4, "fair"), (36, "average"),
                                             (35.9, "weak")])  # fmt: skip
def test_bands_are_shares_of_the_available_points(total, band):
    assert formulas.band(F(str(total)), F(72), DEFAULTS) == band


def test_shown_numbers_are_truncated_by_default():
    assert shown(100 * F(29322, 31751)) == 92.34  # 92.3498… (rounding would give 92.35)
    assert shown(100 * F(29245, 29322)) == 99.73  # 99.7374…
    assert shown(100 * F(29322, 31751), rule="round") == 92.35
    assert shown(F(29, 100) * 100) == 29.0  # exact: no 28.99 from binary floating point
