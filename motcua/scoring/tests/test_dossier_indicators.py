"""The per-dossier indicators 1, 2, 3, 4 and 7 on dossiers made through the services, computed by hand.

Received Monday 02/03/2026 09:00, the world's dossier is due Wed 04/03 14:30; its steps are due Mon 14:30 (receive),
Tue 14:30 (appraise), Wed 09:00 (decide) and Wed 14:30 (return). Received at 16:00: Tue 10:30, Wed 10:30, Wed 16:00,
Thu 10:30, the dossier Thu 05/03 10:30.
"""

from __future__ import annotations

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake as intake_services
from motcua.dossiers.services import reception
from motcua.scoring.indicators import NO_DATA, OK, UNIT_LEVEL
from motcua.scoring.services import dossier_scores
from motcua.scoring.tests.helpers import handled, rate, vn


def points(dossier: Dossier) -> dict[int, object]:
    scores = dossier_scores(dossier.pk)
    assert scores is not None
    return {s.number: (float(s.score) if s.score is not None else s.status) for s in scores.indicators}


def early(world):
    """Every step handed over a day before its due day; decided Tuesday, due Thursday."""
    return handled(world, vn(2026, 3, 2, 16), vn(2026, 3, 2, 16, 30), vn(2026, 3, 3, 9), vn(2026, 3, 3, 10),
                   returned=vn(2026, 3, 3, 11))  # fmt: skip


def test_early_everywhere_gives_two_points_and_no_data_where_nobody_answered(world):
    assert points(early(world)) == {
        1: 2.0, 2: 2.0, 3: 2.0, 4: NO_DATA, 5: UNIT_LEVEL, 6: UNIT_LEVEL, 7: 2.0, 8: UNIT_LEVEL, 9: UNIT_LEVEL,
    }  # fmt: skip


def test_on_time_on_the_due_day_gives_one_point(world):
    # receive handed over Mon 10:00 (due Mon 14:30), appraisal Tue 14:00 (due Tue 14:30), decision Wed 09:00 (due
    # Wed 09:00, the dossier Wed 14:30), result sent Wed 10:00 (due Wed 14:30): all on the due day, none after.
    dossier = handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 9),
                      returned=vn(2026, 3, 4, 10))  # fmt: skip
    got = points(dossier)
    assert (got[1], got[2], got[3], got[7]) == (1.0, 1.0, 2.0, 1.0)


def test_late_decision_scores_zero_for_the_total_the_step_and_the_attitude(world):
    # decided Wed 15:00: after the dossier's due (14:30) and the decision step's (09:00)
    dossier = handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 15))
    got = points(dossier)
    assert (got[1], got[2], got[7]) == (0.0, 0.0, 0.0)


def test_one_late_agency_step_is_enough_for_zero_even_when_the_dossier_is_on_time(world):
    # appraisal handed over Wed 08:30, after its due Tue 14:30; decided Wed 09:00 (on time for the dossier)
    dossier = handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 4, 8, 30), vn(2026, 3, 4, 9))
    got = points(dossier)
    assert (got[1], got[2]) == (1.0, 0.0)


def test_the_applicants_supplement_time_is_left_out_and_one_request_gives_one_point(world):
    # paused for the applicant Mon 11:00 → Thu 11:00 (3 working days): the dossier is due Mon 09/03 14:30, so a
    # decision on Fri 06/03 is early although it is after the original due (Wed 04/03).
    dossier = handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 6, 9), vn(2026, 3, 6, 10),
                      pauses=((vn(2026, 3, 2, 11), vn(2026, 3, 5, 11)),))  # fmt: skip
    got = points(dossier)
    # receive step on time (Mon), appraisal due moved to Fri 14:30 (on time), decision step moved to Mon (early)
    assert (got[1], got[2], got[3], got[7]) == (2.0, 1.0, 1.0, 2.0)


def test_two_requests_give_zero_for_coming_back_but_the_time_stays_judged_on_time(world):
    # two half-hour pauses for the applicant: due Wed 15:30 instead of 14:30; decided Wed 15:00 → on time (1),
    # although the index counts the second request as overdue; indicator 3 takes the second request: 0.
    dossier = handled(world, vn(2026, 3, 2, 9), vn(2026, 3, 2, 10), vn(2026, 3, 3, 14), vn(2026, 3, 4, 15),
                      pauses=((vn(2026, 3, 2, 10, 30), vn(2026, 3, 2, 11)),
                              (vn(2026, 3, 3, 9), vn(2026, 3, 3, 9, 30))))  # fmt: skip
    got = points(dossier)
    assert (got[1], got[3], got[7]) == (1.0, 0.0, 1.0)


def test_a_form_02_request_at_reception_counts_as_coming_back(world):
    with clock.frozen(vn(2026, 3, 2, 8)):
        dossier = intake_services.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=2,
        )  # fmt: skip
        intake_services.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk,
                                               items=world.components())  # fmt: skip
        intake_services.dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)
        reception.dossier_request_supplement(
            actor=world.desk, dossier_id=dossier.pk, items=[reception.SupplementItem("Tờ khai", "Thiếu chữ ký")]
        )
        reception.dossier_supplement(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        reception.dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    scores = dossier_scores(dossier.pk)
    assert scores is not None and not scores.evaluated  # not decided: it counts in no period yet
    assert {s.number: s.score for s in scores.indicators}[3] == 1


def test_the_applicants_answers_feed_three_four_and_seven(world):
    dossier = early(world)
    rate(world, dossier, vn(2026, 3, 3, 15), came_back="more", bodies_contacted="desk_only", attitude="courteous")
    got = points(dossier)
    # the answer "more than once" wins over the records (no request): 0; only the desk: 1
    assert (got[3], got[4], got[7]) == (0.0, 1.0, 2.0)


def test_an_unverified_complaint_leaves_attitude_out(world):
    dossier = early(world)
    rate(world, dossier, vn(2026, 3, 3, 15), came_back="none", bodies_contacted="none", attitude="complaint")
    scores = dossier_scores(dossier.pk)
    assert scores is not None
    by_number = {s.number: s for s in scores.indicators}
    assert (by_number[3].score, by_number[4].score) == (2, 2)
    assert by_number[7].status == NO_DATA and by_number[7].score is None
    assert by_number[1].status == OK


def test_a_dossier_never_received_has_no_scores(world):
    with clock.frozen(vn(2026, 3, 2, 8)):
        draft = intake_services.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=2,
        )  # fmt: skip
    assert dossier_scores(draft.pk) is None
