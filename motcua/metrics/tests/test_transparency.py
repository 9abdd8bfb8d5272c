"""Transparency (RULES §10): publication decisions of the catalogue, and dossier statuses delivered to the portal.

Decision A (province) signed Mon 02/03/2026, made public Fri 06/03 (4 working days later); decision B signed
Tue 10/03, never made public."""

import datetime as dt

import pytest

from motcua.catalog import services
from motcua.catalog.tests.factories import content
from motcua.dossiers.tests.factories import vn
from motcua.integrations import outbox
from motcua.integrations.models import OutboxMessage, OutboxStatus
from motcua.metrics.models import DossierFact
from motcua.metrics.tests.helpers import indicator, intake, report
from motcua.orgs.models import AgencyKind
from motcua.orgs.services import agency_create

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def decision(number, signed_on, issuer, made_public_on=None):
    return services.decision_create(
        number=number, signed_on=signed_on, signer="Chủ tịch", effective_on=signed_on + dt.timedelta(days=14),
        issuer=issuer, made_public_on=made_public_on,
    )  # fmt: skip


def publish(code, under, basis, **overrides):
    version = services.version_create_draft(code=code, content=content(name=f"Thủ tục {code}", **overrides))
    return services.version_publish(version=version, decision=under, basis_effective_on=basis)


@pytest.fixture
def decisions(world):
    province = world.city.province
    a = decision("1/QĐ-UBND", dt.date(2026, 3, 2), province, made_public_on=dt.date(2026, 3, 6))
    b = decision("2/QĐ-UBND", dt.date(2026, 3, 10), province)
    publish("1.000001", a, dt.date(2026, 3, 9))  # 5 working days after signing: on time
    publish("1.000002", a, dt.date(2026, 3, 6))  # 4: late
    publish("1.000003", a, None, sequence="")  # no basis date: not judged; content incomplete
    publish("1.000004", b, dt.date(2026, 4, 1))  # on time
    publish("1.000001", b, dt.date(2026, 3, 12))  # the amendment of 1.000001 is late: the procedure is late
    decision("3/QĐ-UBND", dt.date(2026, 4, 2), province, made_public_on=dt.date(2026, 4, 3))  # another period
    return a, b


def test_publication_indicators_count_procedures_late_in_any_decision(world, decisions):
    data = report(world, *MARCH)
    published = indicator(data, "transparency", "published_on_time")
    assert (published["numerator"], published["denominator"], published["score"]) == (1, 3, 2.0)
    made_public = indicator(data, "transparency", "made_public_on_time")
    # B was never made public and its 5 working days are over by 31/03: its procedures are late
    assert (made_public["numerator"], made_public["denominator"], made_public["score"]) == (2, 4, 2.0)
    complete = indicator(data, "transparency", "complete_content")
    assert (complete["numerator"], complete["denominator"], complete["score"]) == (2, 3, 1.33)


def test_a_decision_not_yet_public_within_its_limit_is_not_counted_yet(world, decisions):
    made_public = indicator(report(world, dt.date(2026, 3, 1), dt.date(2026, 3, 13)), "transparency",
                            "made_public_on_time")  # fmt: skip
    # B is 3 working days old on 13/03: its items wait; A's three procedures were made public on time
    assert (made_public["numerator"], made_public["denominator"]) == (3, 3)


def test_a_ministry_needs_20_working_days_of_lead_time(world):
    ministry = agency_create(code="000.00.00.G10", name="Bộ Tư pháp", kind=AgencyKind.MINISTRY)
    m = decision("9/QĐ-BTP", dt.date(2026, 3, 2), ministry, made_public_on=dt.date(2026, 3, 13))
    publish("1.000009", m, dt.date(2026, 3, 23))  # 15 working days: late for a ministry
    data = report(world, *MARCH, root=ministry)
    assert indicator(data, "transparency", "published_on_time")["numerator"] == 0
    assert indicator(data, "transparency", "made_public_on_time")["numerator"] == 1  # 9 ≤ 10


def test_scopes_that_issue_no_decisions_have_no_publication_indicators(world, decisions):
    data = report(world, *MARCH, root=world.city.wards[0])
    assert indicator(data, "transparency", "published_on_time")["status"] == "not_applicable"
    assert data["max_available"] < data["max"]


def test_dossiers_count_as_synced_once_their_received_status_reaches_the_portal(world, settings):
    from motcua.integrations import delivery, handlers

    settings.NATIONAL_PORTAL_URL = "https://portal.example/api"
    first = intake(world, vn(2026, 3, 2, 9, 0))
    intake(world, vn(2026, 3, 2, 10, 0))
    synced = indicator(report(world, *MARCH), "transparency", "dossiers_synced")
    assert (synced["numerator"], synced["denominator"], synced["status"]) == (0, 2, "ok")

    # when the portal accepts the first dossier's message and refuses the second's
    def portal(message):
        if message.key != first.code:
            raise OSError("502")

    with delivery.topic_handlers.replaced(handlers.TOPIC_PORTAL, portal):
        outbox.drain()
    assert OutboxMessage.objects.get(key=first.code, topic="portal.dossier_status").status == OutboxStatus.SENT
    synced = indicator(report(world, *MARCH), "transparency", "dossiers_synced")
    assert (synced["numerator"], synced["denominator"], synced["score"]) == (1, 2, 3.0)
    assert DossierFact.objects.get(pk=first.pk).synced


def test_without_a_national_portal_connection_sync_is_no_data(world, settings):
    settings.NATIONAL_PORTAL_URL = ""
    intake(world, vn(2026, 3, 2, 9, 0))
    outbox.drain()  # the portal messages are held
    synced = indicator(report(world, *MARCH), "transparency", "dossiers_synced")
    assert (synced["status"], synced["score"]) == ("no_data", None)


def test_one_read_of_a_tree_gives_each_subtree_the_catalogue_inputs_of_its_own_read(world, decisions):
    from motcua.metrics.catalogue import catalogue_facts, catalogue_facts_of_subtrees
    from motcua.metrics.config import config_on
    from motcua.metrics.scope import Scope

    justice = world.city.justice
    d = decision("7/QĐ-STP", dt.date(2026, 3, 3), justice, made_public_on=dt.date(2026, 3, 5))
    publish("1.000007", d, dt.date(2026, 3, 16))
    city = world.city
    roots = [city.province, city.centre, justice, *city.wards]
    for start, end in (MARCH, (dt.date(2026, 3, 1), dt.date(2026, 3, 13))):
        config = config_on(end)
        grouped = catalogue_facts_of_subtrees(parent=city.province, roots=roots, start=start, end=end, config=config)
        for root in roots:
            assert grouped[root.pk] == catalogue_facts(Scope(root), start, end, config), (root.code, end)
    assert grouped[justice.pk].publishes and not grouped[city.wards[0].pk].publishes
    assert grouped[city.province.pk].competence
