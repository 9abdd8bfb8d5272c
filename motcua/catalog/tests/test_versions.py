"""Versioning rules: a procedure changes only through new versions, windows never overlap, published
content is frozen (a dossier's version stays as it was submitted)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from motcua.catalog import selectors, services
from motcua.catalog.content import version_content_of
from motcua.catalog.models import Component, DecisionItem, ProcedureStatus, ProcedureVersion
from motcua.catalog.tests.factories import content, make_decision, published
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)


def test_publishing_the_first_version_adds_the_procedure(city, field):
    # given a draft
    draft = services.version_create_draft(code="2.000488", content=content())
    assert draft.status == "draft" and draft.procedure.status == ProcedureStatus.DRAFT
    # when it is published under a decision
    decision = make_decision(effective_on=JULY)
    version = services.version_publish(version=draft, decision=decision, basis_effective_on=dt.date(2025, 7, 1))
    # then it is valid from the decision's effective date, open-ended, and the decision records it
    assert (version.valid_from, version.valid_to) == (JULY, None)
    item = DecisionItem.objects.get(decision=decision)
    assert (item.action, item.version_id, item.basis_effective_on) == ("add", version.pk, JULY)
    version.procedure.refresh_from_db()
    assert version.procedure.status == ProcedureStatus.PUBLISHED


def test_a_new_version_closes_the_window_of_the_one_in_force(city, field):
    # given version 1 in force from 1 July
    v1 = published(decision=make_decision(effective_on=JULY))
    # when version 2 (reduced limit 2 days) is published from 15 September
    draft = services.version_create_draft(code="2.000488", content=content(committed_amount=Decimal(2)))
    v2 = services.version_publish(
        version=draft, decision=make_decision(signed_on=dt.date(2025, 9, 1)), valid_from=dt.date(2025, 9, 15)
    )
    # then version 1 ends the day before, the procedure is amended, and each date finds its version
    v1.refresh_from_db()
    assert v1.valid_to == dt.date(2025, 9, 14)
    assert v2.procedure.status == ProcedureStatus.AMENDED
    procedure = v1.procedure
    assert selectors.procedure_version_valid_on(procedure, dt.date(2025, 9, 14)) == v1
    assert selectors.procedure_version_valid_on(procedure, dt.date(2025, 9, 15)) == v2
    assert selectors.procedure_version_valid_on(procedure, dt.date(2025, 6, 30)) is None
    assert DecisionItem.objects.get(version=v2).action == "amend"


def test_a_moment_is_read_in_vietnam_time(city, field):
    v1 = published(decision=make_decision(effective_on=JULY))
    # 30 June 2025 18:00 UTC is already 1 July 01:00 in Hà Nội
    moment = dt.datetime(2025, 6, 30, 18, 0, tzinfo=dt.UTC)
    assert selectors.procedure_version_valid_on(v1.procedure, moment) == v1


def test_a_version_cannot_start_on_or_before_the_one_in_force(city, field):
    # given version 1 valid from 1 July
    v1 = published(decision=make_decision(effective_on=JULY))
    draft = services.version_create_draft(code="2.000488", content=content(committed_amount=Decimal(2)))
    # when version 2 would start on the same day, then it is refused and nothing changes
    with pytest.raises(ValidationFailed) as refused:
        services.version_publish(version=draft, decision=make_decision(), valid_from=JULY)
    assert [p.code for p in refused.value.problems] == ["window_overlap"]
    v1.refresh_from_db()
    draft.refresh_from_db()
    assert (v1.valid_to, draft.status) == (None, "draft")


def test_a_version_cannot_start_before_its_decision_is_signed(city, field):
    draft = services.version_create_draft(code="2.000488", content=content())
    with pytest.raises(ValidationFailed):
        services.version_publish(version=draft, decision=make_decision(signed_on=JULY), valid_from=dt.date(2025, 6, 1))


def test_published_content_is_refused_by_the_service(city, field):
    version = published()
    with pytest.raises(ValidationFailed) as refused:
        services.version_update_draft(version=version, content=content(name="Tên khác"))
    assert refused.value.code == "version_published"


def test_published_content_is_refused_by_the_model(city, field):
    # the guard of last resort: even a direct save or delete of a published version or its parts fails
    version = published()
    stored = ProcedureVersion.objects.get(pk=version.pk)
    stored.name = "Tên khác"
    with pytest.raises(Conflict):
        stored.save()
    with pytest.raises(Conflict):
        stored.delete()
    component = Component.objects.get(version=version)
    component.copies = 5
    with pytest.raises(Conflict):
        component.save()
    with pytest.raises(Conflict):
        component.delete()
    assert ProcedureVersion.objects.get(pk=version.pk).name == version.name


def test_a_published_version_is_protected_from_bulk_deletion(city, field):
    version = published()
    with pytest.raises(ProtectedError):
        ProcedureVersion.objects.filter(pk=version.pk).delete()


def test_a_dossiers_version_keeps_its_content_after_an_amendment(city, field):
    # given a dossier received under version 1 (held here as the version in force on its submission day)
    v1 = published(decision=make_decision(effective_on=JULY))
    received_under = selectors.procedure_version_valid_on(v1.procedure, dt.date(2025, 8, 1))
    before = version_content_of(received_under)
    # when version 2 halves the limit and drops the fee
    draft = services.version_create_draft(code="2.000488", content=content(committed_amount=Decimal(1), fees=()))
    services.version_publish(version=draft, decision=make_decision(signed_on=dt.date(2025, 9, 1)))
    # then version 1 reads exactly as before
    assert version_content_of(ProcedureVersion.objects.get(pk=received_under.pk)) == before


def test_draft_from_copies_the_content_into_the_next_number(city, field):
    v1 = published()
    v2 = services.version_draft_from(version=v1)
    assert (v2.number, v2.status) == (2, "draft")
    assert version_content_of(v2) == version_content_of(v1)


def test_abolishing_closes_the_last_window_and_takes_no_new_version(city, field):
    v1 = published(decision=make_decision(effective_on=JULY))
    services.procedure_abolish(procedure=v1.procedure, decision=make_decision(), on=dt.date(2025, 10, 1))
    v1.refresh_from_db()
    assert v1.valid_to == dt.date(2025, 9, 30)
    assert selectors.procedure_version_valid_on(v1.procedure, dt.date(2025, 10, 1)) is None
    with pytest.raises(ValidationFailed):
        services.version_create_draft(code="2.000488", content=content())


@pytest.mark.parametrize(
    ("overrides", "field_name"),
    [
        ({"committed_amount": Decimal(4)}, "committed_amount"),
        ({"committed_amount": Decimal("2.25")}, "committed_amount"),
        ({"online_level": "partial"}, "partial_reason"),
        ({"channel_online": False}, "online_level"),
        ({"agency_codes": ()}, "agencies"),
        ({"agency_codes": ("000.00.99.H26",)}, "agencies"),
        ({"field_code": "XX"}, "field"),
        ({"limit_unit": "fortnight"}, "limit_unit"),
    ],
)
def test_incoherent_content_is_refused(city, field, overrides, field_name):
    with pytest.raises(ValidationFailed) as refused:
        services.version_create_draft(code="2.000488", content=content(**overrides))
    assert field_name in refused.value.fields


def test_half_days_are_allowed_in_working_days_only(city, field):
    services.version_create_draft(code="2.000488", content=content(committed_amount=Decimal("2.5")))
    with pytest.raises(ValidationFailed):
        services.version_create_draft(
            code="2.000489",
            content=content(limit_unit="calendar_day", committed_unit="calendar_day", committed_amount=Decimal("2.5")),
        )


@pytest.mark.postgres
def test_postgresql_itself_refuses_overlapping_windows(city, field):
    # given two published versions, the first closed the day before the second
    published(decision=make_decision(effective_on=JULY))
    draft = services.version_create_draft(code="2.000488", content=content(committed_amount=Decimal(2)))
    v2 = services.version_publish(version=draft, decision=make_decision(signed_on=dt.date(2025, 9, 1)))
    # when something bypasses the services and reopens version 1, the exclusion constraint refuses
    assert connection.vendor == "postgresql"
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.filter(procedure=v2.procedure, number=1).update(valid_to=None)


def test_publication_dates_for_the_transparency_indicators(city, field):
    decision = make_decision(signed_on=dt.date(2025, 6, 20), effective_on=JULY)
    published(decision=decision)
    services.decision_mark_public(decision=decision, made_public_on=dt.date(2025, 6, 25))
    with clock.frozen(dt.datetime(2025, 7, 2, tzinfo=dt.UTC)):
        facts = list(selectors.publication_facts(dt.date(2025, 6, 1), dt.date(2025, 6, 30)))
    assert [(f.procedure.code, f.decision.signed_on, f.decision.made_public_on) for f in facts] == [
        ("2.000488", dt.date(2025, 6, 20), dt.date(2025, 6, 25))
    ]
