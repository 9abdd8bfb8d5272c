"""Units and officials over a quarter and a year, on four hand-computed dossiers of Sở Tư pháp in Q1/2026 and one
in Q2.

| dossier | 1 time | 2 steps | 3 came back | 4 bodies | 7 attitude |
| --- | --- | --- | --- | --- | --- |
| A early, rated (none / desk only / courteous) | 2 | 2 | 2 | 1 | 2 |
| B on time | 1 | 1 | 2 | — | 1 |
| C late | 0 | 0 | 2 | — | 0 |
| D one supplement pause, early | 2 | 1 | 1 | — | 2 |

Q1: 1 → 5/4 = 1.25 → 1.3 (half up); 2 → 4/4 = 1.0; 3 → 7/4 = 1.75 → 1.8; 4 → 1/1 = 1.0; 7 → 5/4 → 1.3; 9: the one
procedure of the agency is full-process online (100%) but no dossier came online (0%) → 0; 5, 6, 8 no data.
Total 6.4 of the 12 points available → 6.4 × 18/12 = 9.6 → fair.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.scoring import config
from motcua.scoring.indicators import NO_DATA, OK
from motcua.scoring.services import official_scores, unit_scores
from motcua.scoring.tests.helpers import handled, rate, vn


@pytest.fixture
def quarter(world):
    a = handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10),
                returned=vn(2026, 3, 3, 11))  # fmt: skip
    rate(world, a, vn(2026, 3, 3, 15), came_back="none", bodies_contacted="desk_only", attitude="courteous")
    handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 9))
    handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 15))
    handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 6, 9), vn(2026, 3, 6, 10),
            pauses=((vn(2026, 3, 2, 11), vn(2026, 3, 5, 11)),))  # fmt: skip
    return world


def scores(unit):
    return {s.number: s.score for s in unit.indicators}


def test_the_quarter_of_the_lead_agency_and_of_the_province(quarter):
    rows = unit_scores(quarter.city.province, 2026, 1)
    by_code = {u.agency.code: u for u in rows}
    assert rows[0].agency == quarter.city.province  # the agency itself first, then its direct children
    assert set(by_code) == {quarter.city.province.code, quarter.city.centre.code, quarter.city.justice.code,
                            *(w.code for w in quarter.city.wards)}  # fmt: skip
    for unit in (by_code[quarter.city.justice.code], by_code[quarter.city.province.code]):
        assert unit.dossiers == 4
        assert scores(unit) == {
            1: Decimal("1.3"), 2: Decimal("1.0"), 3: Decimal("1.8"), 4: Decimal("1.0"), 5: None, 6: None,
            7: Decimal("1.3"), 8: None, 9: Decimal("0.0"),
        }  # fmt: skip
        assert (unit.total, unit.max_available, unit.classification) == (Decimal("6.4"), 12, config.FAIR)
        assert {s.number for s in unit.indicators if s.status == NO_DATA} == {5, 6, 8}


def test_a_unit_without_dossiers_has_no_data_and_no_classification(quarter):
    centre = next(u for u in unit_scores(quarter.city.province, 2026, 1) if u.agency == quarter.city.centre)
    assert centre.dossiers == 0
    assert all(s.status == NO_DATA for s in centre.indicators)
    assert (centre.total, centre.max_available, centre.classification) == (0, 0, None)


def test_a_dossier_counts_in_the_quarter_of_its_decision_and_in_the_year(quarter):
    # E: received Mon 04/05/2026 16:00, every step early, decided Tue 05/05 → Q2
    handled(quarter, vn(2026, 5, 4, 16), vn(2026, 5, 4, 16, 30), vn(2026, 5, 5, 9), vn(2026, 5, 5, 10))
    q1, q2, q3, year = (unit_scores(quarter.city.justice, 2026, q)[0] for q in (1, 2, 3, None))
    assert (q1.dossiers, q2.dossiers, q3.dossiers, year.dossiers) == (4, 1, 0, 5)
    assert scores(q2)[1] == 2 and scores(q2)[2] == 2
    assert scores(year)[1] == Decimal("1.4")  # (5 + 2) / 5
    assert scores(year)[2] == Decimal("1.2")  # (4 + 2) / 5
    assert q3.classification is None
    assert unit_scores(quarter.city.justice, 2025)[0].dossiers == 0


def test_officials_are_scored_on_the_dossiers_they_handled(quarter):
    rows = {o.username: o for o in official_scores(quarter.city.justice, 2026, 1)}
    # the desk officer received and transferred all four, the specialist appraised them, the director decided
    assert set(rows) == {quarter.desk.username, quarter.specialist.username, quarter.leader.username}
    for official in rows.values():
        assert official.dossiers == 4
        assert [s.number for s in official.indicators] == [1, 2, 3, 4, 7]
        assert [s.score for s in official.indicators] == [Decimal(v) for v in ("1.3", "1.0", "1.8", "1.0", "1.3")]
        assert all(s.status == OK for s in official.indicators)
        # 6.4 of 10 ≥ 5
        assert (official.total, official.max_available, official.classification) == (
            Decimal("6.4"), 10, config.DONE_FULL,
        )  # fmt: skip
    assert official_scores(quarter.city.justice, 2026, 2) == []


def test_the_quarter_is_that_of_the_local_decision_day(world):
    # Both decisions fall on 31/03 in UTC; in Vietnam one is on 31/03 (Q1, early: due Wed 01/04 14:30), the other
    # on 01/04 (Q2, on the due day: 1 point).
    handled(world, vn(2026, 3, 30, 9), vn(2026, 3, 30, 10), vn(2026, 3, 31, 14), vn(2026, 3, 31, 23, 30))
    handled(world, vn(2026, 3, 30, 9), vn(2026, 3, 30, 10), vn(2026, 3, 31, 14), vn(2026, 4, 1, 0, 30))
    q1, q2 = (unit_scores(world.city.justice, 2026, q)[0] for q in (1, 2))
    assert (q1.dossiers, scores(q1)[1]) == (1, 2)
    assert (q2.dossiers, scores(q2)[1]) == (1, 1)


def test_a_dossier_stopped_at_the_applicants_request_is_not_evaluated(world):
    from motcua.core import clock
    from motcua.dossiers.services import results
    from motcua.scoring.tests.helpers import intake, transfer

    dossier = intake(world, vn(2026, 3, 2, 9))
    transfer(world, dossier, vn(2026, 3, 2, 10))
    with clock.frozen(vn(2026, 3, 3, 9)):
        results.dossier_stop(actor=world.desk, dossier_id=dossier.pk, reason="Công dân xin dừng")
    assert unit_scores(world.city.justice, 2026)[0].dossiers == 0


def test_an_inactive_agency_shows_only_in_periods_where_it_had_dossiers(quarter):
    from motcua.orgs.models import Agency

    ward = quarter.city.wards[0]
    Agency.objects.filter(pk=ward.pk).update(is_active=False)
    assert ward.pk not in {u.agency.pk for u in unit_scores(quarter.city.province, 2026, 1)}
    Agency.objects.filter(pk=quarter.city.justice.pk).update(is_active=False)  # it handled the four dossiers
    assert quarter.city.justice.pk in {u.agency.pk for u in unit_scores(quarter.city.province, 2026, 1)}
    assert quarter.city.justice.pk not in {u.agency.pk for u in unit_scores(quarter.city.province, 2026, 3)}
