"""The on-time rule (RULES §10) on dossiers made through the services. Reception Mon 02/03/2026 09:00 with the
2.5-working-day limit gives the due moment Wed 04/03 14:30 (sessions 07:30–11:30, 13:00–17:00)."""

import datetime as dt

from motcua.core import clock
from motcua.dossiers.models import Channel, PauseReason
from motcua.dossiers.services import intake as online
from motcua.dossiers.services import reception, results
from motcua.dossiers.tests.factories import vn
from motcua.metrics.models import DossierFact
from motcua.metrics.tests.helpers import decide, indicator, intake, pause, progress, report, resume, transfer

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_finished_dossiers_are_early_on_time_or_late_by_the_due_moment(world):
    # given three dossiers received on 02/03, due 04/03 at 14:30, 15:00 and 15:30
    early, on_time, late = (intake(world, vn(2026, 3, 2, 9, m)) for m in (0, 30, 59))
    for dossier in (early, on_time, late):
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    # when they are decided on 03/03, on the due day before the due moment, and the day after
    decide(world, early, vn(2026, 3, 3, 10, 0))
    decide(world, on_time, vn(2026, 3, 4, 10, 0))
    decide(world, late, vn(2026, 3, 5, 9, 0))
    # then two of three are on time, one of them early
    assert progress(world, *MARCH) == {
        "all": (2, 3), "finished_on_time": (2, 3), "finished_early": (1, 3), "in_progress_on_time": (0, 0),
    }  # fmt: skip
    assert indicator(report(world, *MARCH), "progress", "on_time")["score"] == 13.33  # 20 × 2/3, truncated


def test_an_unfinished_dossier_is_judged_at_the_last_day_of_the_period(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    # within time while the due day has not passed (judged at the end of 03/03 and of 04/03) …
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 3))["all"] == (1, 1)
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 4))["all"] == (1, 1)
    # … overdue once it has (at the end of 05/03)
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 5))["in_progress_on_time"] == (0, 1)
    # and a period before its reception does not count it
    assert progress(world, dt.date(2026, 2, 1), dt.date(2026, 2, 28))["all"] == (0, 0)
    # when it is decided on 09/03, the earlier period still judges it as it stood then
    transfer(world, dossier, vn(2026, 3, 9, 9, 0))
    decide(world, dossier, vn(2026, 3, 9, 10, 0))
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 5))["all"] == (0, 1)
    assert progress(world, dt.date(2026, 3, 6), dt.date(2026, 3, 31))["finished_on_time"] == (0, 1)


def test_a_dossier_handled_across_two_periods_counts_open_in_the_first_and_finished_in_the_second(world):
    dossier = intake(world, vn(2026, 2, 27, 9, 0))  # Friday; due Tue 03/03 14:30
    transfer(world, dossier, vn(2026, 2, 27, 10, 0))
    decide(world, dossier, vn(2026, 3, 2, 10, 0))
    assert progress(world, dt.date(2026, 2, 1), dt.date(2026, 2, 28))["in_progress_on_time"] == (1, 1)
    assert progress(world, *MARCH)["finished_early"] == (1, 1)


def test_more_than_one_supplement_request_is_overdue_even_when_decided_in_time(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 2, 10, 30))
    resume(world, dossier, vn(2026, 3, 2, 11, 0))
    pause(world, dossier, vn(2026, 3, 2, 13, 30))  # the second request
    # open at the end of that day: overdue from the day of the second request
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 2))["all"] == (0, 1)
    resume(world, dossier, vn(2026, 3, 2, 14, 0))
    decide(world, dossier, vn(2026, 3, 3, 9, 0))
    assert progress(world, *MARCH)["finished_on_time"] == (0, 1)


def test_one_supplement_request_is_allowed_and_its_time_is_not_counted(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 3, 9, 0))  # 1.25 working days left until the due moment
    # while the applicant is completing the dossier its clock is stopped: within time although 04/03 has passed
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 6))["in_progress_on_time"] == (1, 1)
    resume(world, dossier, vn(2026, 3, 9, 9, 0))  # four working days later: due Tue 10/03 14:30
    dossier.refresh_from_db()
    assert dossier.due_at == vn(2026, 3, 10, 14, 30)
    assert DossierFact.objects.get(pk=dossier.pk).judged_due == dossier.due_at  # the calendar agrees with the service
    decide(world, dossier, vn(2026, 3, 10, 10, 0))
    assert progress(world, *MARCH)["finished_on_time"] == (1, 1)
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 6))["all"] == (1, 1)


def test_a_pause_after_the_due_moment_does_not_excuse_the_lateness(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 6, 9, 0))  # already late since 04/03 14:30
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 10))["all"] == (0, 1)
    resume(world, dossier, vn(2026, 3, 12, 9, 0))  # the service moves the due moment to 10/03 14:30
    # the index keeps the judged due moment of 04/03 14:30: overdue from 05/03, before and after the resumption
    fact = DossierFact.objects.get(pk=dossier.pk)
    assert fact.judged_due == vn(2026, 3, 4, 14, 30)
    assert fact.overdue_from == dt.date(2026, 3, 5)
    assert progress(world, dt.date(2026, 3, 1), dt.date(2026, 3, 5))["all"] == (0, 1)
    decide(world, dossier, vn(2026, 3, 12, 10, 0))
    assert progress(world, *MARCH)["finished_on_time"] == (0, 1)


def test_a_dossier_stopped_during_a_pause_in_time_ended_on_time(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 3, 9, 0))
    with clock.frozen(vn(2026, 3, 20, 9, 0)):
        results.dossier_stop(actor=world.desk, dossier_id=dossier.pk, reason="Công dân xin dừng")
    assert progress(world, *MARCH)["finished_on_time"] == (1, 1)


def test_a_financial_pause_stops_the_clock_without_being_a_supplement_request(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 2, 11, 0), reason=PauseReason.FINANCIAL)
    resume(world, dossier, vn(2026, 3, 2, 14, 0))
    pause(world, dossier, vn(2026, 3, 3, 9, 0), reason=PauseReason.APPLICANT)
    resume(world, dossier, vn(2026, 3, 3, 10, 0))
    decide(world, dossier, vn(2026, 3, 4, 16, 0))  # due 04/03 14:30 + 1.5 h + 1 h = 17:00
    assert progress(world, *MARCH)["finished_on_time"] == (1, 1)


def test_refused_after_appraisal_is_finished_like_an_approval(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    decide(world, dossier, vn(2026, 3, 3, 9, 0), outcome="refused")
    assert progress(world, *MARCH)["finished_early"] == (1, 1)


def test_dossiers_never_received_do_not_count(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        draft = online.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
        )  # fmt: skip
        online.dossier_put_components(actor=world.citizen_user, dossier_id=draft.pk, items=world.components())
        online.dossier_submit(actor=world.citizen_user, dossier_id=draft.pk)
        reception.dossier_refuse(actor=world.desk, dossier_id=draft.pk, reason="Không thuộc thẩm quyền")
    assert progress(world, *MARCH)["all"] == (0, 0)
    assert not DossierFact.objects.exists()


def test_an_online_dossier_counts_from_its_reception(world):
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = online.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
        )  # fmt: skip
        online.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=world.components())
        online.dossier_submit(actor=world.citizen_user, dossier_id=dossier.pk)
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        reception.dossier_receive(actor=world.desk, dossier_id=dossier.pk)
    fact = DossierFact.objects.get(pk=dossier.pk)
    assert (fact.received, fact.online, fact.full_eligible) == (dt.date(2026, 3, 3), True, True)
    online_services = indicator(report(world, *MARCH), "online_services", "full_online")
    assert online_services["components"][1] == {
        "key": "online_submissions", "numerator": 1, "denominator": 1, "score": 6.0, "max": 6.0,
    }  # fmt: skip


def test_average_time_counts_working_minutes_without_the_pauses(world):
    dossier = intake(world, vn(2026, 3, 2, 9, 0))
    transfer(world, dossier, vn(2026, 3, 2, 10, 0))
    pause(world, dossier, vn(2026, 3, 2, 14, 0))
    resume(world, dossier, vn(2026, 3, 2, 16, 0))
    decide(world, dossier, vn(2026, 3, 3, 10, 0))  # 540 working minutes, 120 of them paused
    average = indicator(report(world, *MARCH), "progress", "average_time")
    assert (average["numerator"], average["denominator"], average["value"]) == (420, 1, 0.87)  # 420/480 days
