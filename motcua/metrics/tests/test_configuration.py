"""Versioned parameters and a working-calendar change that moves due moments without a dossier event."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from motcua.core import clock
from motcua.dossiers.services import processing, reception
from motcua.dossiers.tests.factories import make_world, vn
from motcua.metrics.config import config_on
from motcua.metrics.models import DossierFact, Parameter
from motcua.metrics.parameters import SEED_FROM
from motcua.metrics.services.recording import CalendarResync
from motcua.metrics.tests.helpers import decide, indicator, intake, pause, progress, report, resume, transfer
from motcua.workcalendar import services as calendar_services
from motcua.workcalendar.selectors import calendar_national

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_every_default_is_seeded_and_a_new_row_applies_from_its_date(world):
    assert Parameter.objects.filter(valid_from=SEED_FROM).count() >= 40
    Parameter.objects.create(key="progress.on_time.max", valid_from=dt.date(2026, 4, 1), value=25)
    assert config_on(dt.date(2026, 3, 31)).number("progress.on_time.max") == 20
    assert config_on(dt.date(2026, 4, 1)).number("progress.on_time.max") == 25


def test_scores_use_the_parameters_in_force_on_the_last_day(world):
    Parameter.objects.create(key="display.rule", valid_from=dt.date(2026, 3, 1), value="round")
    Parameter.objects.create(key="progress.on_time.max", valid_from=dt.date(2026, 3, 1), value=30)
    dossiers = [intake(world, vn(2026, 3, 2, 9, m)) for m in (0, 30, 59)]
    for dossier, day in zip(dossiers, (3, 4, 5), strict=True):
        transfer(world, dossier, vn(2026, 3, 2, 10, 0))
        decide(world, dossier, vn(2026, 3, day, 10, 0))
    data = report(world, *MARCH)
    assert indicator(data, "progress", "on_time")["score"] == 20.0  # 30 × 2/3
    assert data["max"] == 110.0
    assert indicator(report(world, dt.date(2026, 2, 1), dt.date(2026, 2, 28)), "progress", "on_time")["max"] == 20


def test_the_supplement_rule_a_dossier_is_judged_by_is_the_one_of_its_reception_day(world):
    Parameter.objects.create(key="progress.max_supplement_requests", valid_from=dt.date(2026, 3, 10), value=2)
    before, after = intake(world, vn(2026, 3, 9, 9, 0)), intake(world, vn(2026, 3, 10, 9, 0))
    for dossier, day in ((before, 9), (after, 10)):
        transfer(world, dossier, vn(2026, 3, day, 10, 0))
        for hour in (10, 13):
            pause(world, dossier, vn(2026, 3, day, hour, 30))
            resume(world, dossier, vn(2026, 3, day, hour, 45))
        decide(world, dossier, vn(2026, 3, day, 16, 0))
    assert progress(world, *MARCH)["finished_on_time"] == (1, 2)
    assert not DossierFact.objects.get(pk=before.pk).on_time
    assert DossierFact.objects.get(pk=after.pk).on_time


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [("progress.on_time.max", 20, True), ("progress.on_time.max", -1, False), ("display.rule", "round", True),
     ("display.rule", "ceil", False), ("display.decimals", 1.5, False), ("nope", 1, False),
     ("satisfaction.dossier_satisfaction.threshold", "0.85", True)],
)  # fmt: skip
def test_a_parameter_row_is_checked_against_its_kind(db, key, value, ok):
    row = Parameter(key=key, valid_from=dt.date(2026, 1, 1), value=value)
    if ok:
        row.full_clean()
    else:
        with pytest.raises(ValidationError):
            row.full_clean()


@pytest.fixture
def transactional_world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


@pytest.mark.django_db(transaction=True)
def test_a_new_day_off_moves_the_open_dossiers_overdue_day(transactional_world):
    world = transactional_world
    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        dossier = reception.dossier_intake_at_desk(
            actor=world.desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip
    with clock.frozen(vn(2026, 3, 2, 10, 0)):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)
    assert DossierFact.objects.get(pk=dossier.pk).overdue_from == dt.date(2026, 3, 5)  # due 04/03 14:30
    # when an extraordinary day off is declared on Tuesday 03/03/2026 (the dossiers' provider moves the due)
    calendar_services.entry_create(calendar=calendar_national(), date=dt.date(2026, 3, 3), kind="holiday",
                                   name="Nghỉ đột xuất")  # fmt: skip
    # then the index follows without any dossier event
    fact = DossierFact.objects.get(pk=dossier.pk)
    assert (fact.due_at, fact.overdue_from) == (vn(2026, 3, 5, 14, 30), dt.date(2026, 3, 6))
    assert CalendarResync().deadlines(frozenset()) == []
