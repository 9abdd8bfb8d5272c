"""Internal processes: the longest path adds up exactly to the committed limit, every role exists in its
unit, a process is approved before use and frozen afterwards."""

from decimal import Decimal

import pytest

from motcua.catalog import selectors, services
from motcua.catalog.models import InternalProcess, ProcessStatus, ProcessStep
from motcua.catalog.tests.factories import (
    CENTRE,
    JUSTICE,
    content,
    justice_steps,
    make_staff,
    process_content,
    published,
    step,
)
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.orgs.models import Role, StaffRole, Unit

pytestmark = pytest.mark.django_db


def _approve(version, agency, steps=None, **kw):
    draft = services.process_save_draft(version=version, agency=agency, content=process_content(steps, **kw))
    return services.process_approve(process=draft)


def test_a_process_whose_steps_add_up_to_the_committed_limit_is_approved(city, field):
    # given a version committed to 2.5 working days (20 working hours)
    version = published()
    # when Sở Tư pháp's steps take 4 + 8 + (1 half day) + 4 hours
    process = _approve(version, city.justice)
    # then it is approved and resolves to real units in order
    assert process.status == ProcessStatus.APPROVED
    resolved = selectors.process_for(version, city.justice)
    assert resolved.total_hours == Decimal(20)
    assert [(s.kind, s.agency.code, s.unit.code if s.unit else None) for s in resolved.steps] == [
        ("receive", CENTRE, "MC"),
        ("appraise", JUSTICE, "HCTP"),
        ("decide", JUSTICE, "HCTP"),
        ("return", CENTRE, "MC"),
    ]


def test_steps_that_do_not_add_up_are_refused_with_both_sums(city, field):
    version = published()
    steps = justice_steps()[:1] + (step("appraise", "specialist", "12", unit="HCTP"),) + justice_steps()[2:]
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, city.justice, steps)
    (problem,) = refused.value.problems
    assert (problem.code, problem.params["total"], problem.params["limit"]) == ("sum_mismatch", "24", "20")
    assert not InternalProcess.objects.filter(status=ProcessStatus.APPROVED).exists()


def test_parallel_consultations_count_once_on_the_longest_path(city, field):
    # given a version committed to 3 working days (24 h) with two consultations side by side (8 h and 4 h)
    version = published(committed_amount=Decimal(3))
    steps = (
        step("receive", "desk_officer", "4", agency=CENTRE, unit="MC"),
        step("consult", "specialist", "8", unit="HCTP", group="A"),
        step("consult", "specialist", "4", unit="VP", group="A", agency=JUSTICE),
        step("appraise", "specialist", "4", unit="HCTP"),
        step("decide", "leader", "4", unit="HCTP"),
        step("return", "desk_officer", "4", agency=CENTRE, unit="MC"),
    )
    make_staff(city.justice, Unit.objects.get(agency=city.justice, code="VP"), Role.SPECIALIST)
    # then 4 + max(8, 4) + 4 + 4 + 4 = 24 is exact
    assert _approve(version, city.justice, steps).status == ProcessStatus.APPROVED


def test_a_parallel_group_must_be_one_block(city, field):
    version = published(committed_amount=Decimal(3))
    steps = (
        step("receive", "desk_officer", "4", agency=CENTRE, unit="MC"),
        step("consult", "specialist", "8", unit="HCTP", group="A"),
        step("appraise", "specialist", "4", unit="HCTP"),
        step("consult", "specialist", "4", unit="HCTP", group="A"),
        step("decide", "leader", "4", unit="HCTP"),
        step("return", "desk_officer", "4", agency=CENTRE, unit="MC"),
    )
    with pytest.raises(ValidationFailed) as refused:
        services.process_save_draft(version=version, agency=city.justice, content=process_content(steps))
    assert [p.code for p in refused.value.problems] == ["group_scattered"]


def test_a_role_nobody_holds_in_the_unit_is_refused(city, field):
    # given nobody is an active leader in HCTP any more
    version = published()
    StaffRole.objects.filter(unit__code="HCTP", role=Role.LEADER).update(is_active=False)
    # then the decide step names the unit and the role
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, city.justice)
    assert "steps[2].role" in refused.value.fields


def test_a_unit_the_agency_does_not_have_is_refused(city, field):
    version = published()
    steps = justice_steps()[:1] + (step("appraise", "specialist", "8", unit="XYZ"),) + justice_steps()[2:]
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, city.justice, steps)
    assert "steps[1].unit" in refused.value.fields


def test_the_desk_receives_and_a_leader_signs(city, field):
    version = published()
    steps = (step("receive", "specialist", "4", agency=CENTRE, unit="MC"),) + justice_steps()[1:]
    with pytest.raises(ValidationFailed) as refused:
        services.process_save_draft(version=version, agency=city.justice, content=process_content(steps))
    assert "steps[0].role" in refused.value.fields


def test_an_agency_that_does_not_implement_the_version_is_refused(city, field):
    version = published()
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, city.wards[0])
    assert "agency" in refused.value.fields


def test_a_process_is_approved_only_for_a_published_version(city, field):
    draft_version = services.version_create_draft(code="2.000488", content=content())
    with pytest.raises(ValidationFailed) as refused:
        _approve(draft_version, city.justice)
    assert "version" in refused.value.fields


def test_no_approved_process_means_it_cannot_be_used(city, field):
    version = published()
    services.process_save_draft(version=version, agency=city.justice, content=process_content())
    with pytest.raises(NotFound):
        selectors.process_for(version, city.justice)


def test_an_approved_process_is_frozen_and_a_new_one_supersedes_it(city, field):
    version = published()
    first = _approve(version, city.justice)
    # the steps of an approved process cannot be edited, even directly
    stored = ProcessStep.objects.filter(process=first).first()
    stored.duration_amount = Decimal(1)
    with pytest.raises(Conflict):
        stored.save()
    with pytest.raises(Conflict):
        InternalProcess.objects.get(pk=first.pk).save()
    # a new approval supersedes it; it stays as it was for the dossiers handled under it
    second = _approve(version, city.justice, note="Sửa đổi")
    first.refresh_from_db()
    assert (first.status, second.status) == (ProcessStatus.SUPERSEDED, ProcessStatus.APPROVED)
    assert selectors.process_for(version, city.justice).process == second
    assert first.steps.count() == 4


def _ward_steps():
    return (
        step("receive", "desk_officer", "4", unit="MC"),
        step("appraise", "specialist", "8", unit="VHXH"),
        step("decide", "leader", "4", unit="VHXH"),
        step("return", "desk_officer", "4", unit="MC"),
    )


def _ward_version():
    return published(
        code="1.004873",
        name="Cấp Giấy xác nhận tình trạng hôn nhân",
        level="commune",
        implementing_agency="UBND cấp xã",
        agency_codes=(),
        agency_kinds=("commune", "ward"),
    )


def test_a_template_applies_to_every_ward_with_its_own_units(city, field):
    # given one template for every commune and ward
    version = _ward_version()
    _approve(version, None, _ward_steps())
    # then each ward gets its own units and the centre of another agency is not concerned
    for ward in city.wards:
        resolved = selectors.process_for(version, ward)
        assert {s.unit.agency_id for s in resolved.steps if s.unit} == {ward.pk}
    with pytest.raises(NotFound):
        selectors.process_for(version, city.justice)


def test_a_template_is_refused_when_a_ward_lacks_the_staff(city, field):
    version = _ward_version()
    StaffRole.objects.filter(agency=city.wards[1], unit__code="VHXH", role=Role.SPECIALIST).delete()
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, None, _ward_steps())
    assert city.wards[1].code in refused.value.fields["steps[1].role"][0]


def test_an_agencys_own_process_wins_over_the_template(city, field):
    version = _ward_version()
    _approve(version, None, _ward_steps())
    own_steps = _ward_steps()[:1] + (step("appraise", "specialist", "8", unit="KT"),) + _ward_steps()[2:]
    own = _approve(version, city.wards[0], own_steps)
    assert selectors.process_for(version, city.wards[0]).process == own
    assert selectors.process_for(version, city.wards[1]).process.agency_id is None


def test_a_calendar_day_limit_needs_the_working_time_equivalent(city, field):
    # given a limit of 15 calendar days, which has no fixed number of working hours
    version = published(
        limit_amount=Decimal(15), limit_unit="calendar_day", committed_amount=Decimal(15), committed_unit="calendar_day"
    )
    with pytest.raises(ValidationFailed) as refused:
        _approve(version, city.justice)
    assert "working_hours_equivalent" in refused.value.fields
    # when the agency commits to 20 working hours for its internal steps, the steps must add up to that
    assert _approve(version, city.justice, working_hours_equivalent=Decimal(20)).status == ProcessStatus.APPROVED


def test_a_limit_in_working_hours_is_compared_hour_for_hour(city, field):
    version = published(
        limit_amount=Decimal(24), limit_unit="working_hour", committed_amount=Decimal(20), committed_unit="working_hour"
    )
    assert _approve(version, city.justice).status == ProcessStatus.APPROVED


def test_half_days_are_whole(city, field):
    version = published()
    steps = (
        justice_steps()[:2] + (step("decide", "leader", "0.5", unit="HCTP", unit_of="half_day"),) + justice_steps()[3:]
    )
    with pytest.raises(ValidationFailed) as refused:
        services.process_save_draft(version=version, agency=city.justice, content=process_content(steps))
    assert "steps[2].duration" in refused.value.fields


def test_process_for_reads_the_version_a_dossier_was_received_under(city, field):
    v1 = published(decision=None)
    _approve(v1, city.justice)
    received_on = clock.today()
    assert selectors.process_for(selectors.procedure_version_valid_on(v1.procedure, received_on), city.justice)
