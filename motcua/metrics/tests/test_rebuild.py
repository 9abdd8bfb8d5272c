"""Incremental and exact: ~2,000 dossiers made through the services (every path the index counts) give the same
facts and aggregates when recounted from the raw tables, and folding the journal changes no reading."""

import datetime as dt
import random

import pytest

from motcua.catalog.services import process_define
from motcua.catalog.tests.factories import CENTRE, make_field, process_content, published, step
from motcua.core import clock
from motcua.dossiers.models import Channel, PauseReason, StoredFile
from motcua.dossiers.services import results
from motcua.dossiers.services.intake import ComponentInput
from motcua.dossiers.tests import samples
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.tracking import tracking_token
from motcua.integrations import outbox
from motcua.metrics import journal
from motcua.metrics.facts import FACT_FIELDS
from motcua.metrics.models import Delta, DossierFact, Total
from motcua.metrics.scope import Part
from motcua.metrics.services.compaction import compact
from motcua.metrics.services.rebuild import recount_all
from motcua.metrics.tests.helpers import decide, intake, pause, report, resume, return_result, transfer
from motcua.ratings.services import rating_submit

COUNT = int(__import__("os").environ.get("METRICS_TEST_COUNT", "2000"))
TET = (dt.date(2026, 2, 14), dt.date(2026, 2, 22))
WORKING_DAYS = [
    day
    for day in (dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(150))
    if day.weekday() < 5 and not TET[0] <= day <= TET[1]
]
DAYS = [day for day in WORKING_DAYS if day <= dt.date(2026, 3, 27)]  # receptions
PERIODS = [
    (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 1, 15), dt.date(2026, 3, 10)),
    (dt.date(2026, 3, 20), dt.date(2026, 4, 30)),
]


def at(day, hour, minute=0):
    return vn(day.year, day.month, day.day, hour, minute)


def later(day, n):
    return WORKING_DAYS[WORKING_DAYS.index(day) + n]


def _second_version(world):
    """Another field, a partial online level and a process where the leader decides straight after the transfer."""
    make_field("TP-CT", "Chứng thực", "Tư pháp")
    version = published(
        code="2.000815", field_code="TP-CT", name="Chứng thực bản sao từ bản chính", online_level="partial",
        partial_reason="Cần đối chiếu bản chính",
    )  # fmt: skip
    steps = (
        step("receive", "desk_officer", "4", agency=CENTRE, unit="MC"),
        step("decide", "leader", "12", unit="HCTP"),
        step("return", "desk_officer", "4", agency=CENTRE, unit="MC"),
    )
    process_define(version=version, agency=world.city.justice, content=process_content(steps))
    return version


def _story(world, versions, rng, n, stored):
    """One dossier along a randomly chosen path, at frozen moments over January–March 2026."""
    day = DAYS[n % len(DAYS)]
    version = versions[n % 2]
    components = [
        ComponentInput(component_id=c.pk, reuse_file_id=stored) if stored and rng.random() < 0.2
        else ComponentInput(component_id=c.pk, paper=True) if rng.random() < 0.15
        else ComponentInput(component_id=c.pk, file_name="to-khai.pdf", content=samples.pdf(text=str(n)))
        for c in version.components.all()
    ]  # fmt: skip
    channel = Channel.POSTAL if rng.random() < 0.1 else Channel.COUNTER
    dossier = intake(
        world, at(day, 8 + n % 8, n % 60), version=version, components=components, channel=channel,
        postal_tracking_no="EB123VN" if channel == Channel.POSTAL else "",
    )  # fmt: skip
    if rng.random() < 0.15:
        with clock.frozen(at(day, 16, 30)):
            results.dossier_record_payment(
                actor=world.desk, dossier_id=dossier.pk, method="online", amount=dossier.fee_total or 1000,
                receipt_no=f"R{n}", gateway=rng.choice([1, 2]),
            )  # fmt: skip
    if rng.random() < 0.75:
        return dossier  # received, not transferred (the fastest path, most of the 2,000)
    transfer(world, dossier, at(day, 16, 45))
    cursor = 0  # working days after reception of the last step taken
    path = rng.random()
    if path < 0.08:
        pause(world, dossier, at(later(day, 1), 9), rng.choice([PauseReason.APPLICANT, PauseReason.FINANCIAL]))
        if rng.random() < 0.7:
            resume(world, dossier, at(later(day, 4), 10))
        cursor = 4
    elif path < 0.11:  # two supplement requests
        pause(world, dossier, at(later(day, 1), 9))
        resume(world, dossier, at(later(day, 1), 10))
        pause(world, dossier, at(later(day, 1), 14))
        resume(world, dossier, at(later(day, 2), 9))
        cursor = 2
    elif path < 0.13:  # paused after the due moment
        pause(world, dossier, at(later(day, 4), 9))
        resume(world, dossier, at(later(day, 6), 9))
        cursor = 6
    elif path < 0.15:  # supplement after appraisal: the limit restarts
        pause(world, dossier, at(later(day, 1), 9), PauseReason.APPRAISAL_SUPPLEMENT)
        resume(world, dossier, at(later(day, 3), 9))
        cursor = 3
    dossier.refresh_from_db()
    if dossier.state == "paused":
        if rng.random() < 0.3:
            with clock.frozen(at(later(day, cursor + 4), 9)):
                results.dossier_stop(actor=world.desk, dossier_id=dossier.pk, reason="Dừng theo đề nghị")
        return dossier
    if rng.random() < 0.1:
        return dossier  # in progress
    cursor += rng.choice([1, 2, 3, 5])
    decide(world, dossier, at(later(day, cursor), 10), outcome=rng.choice(["approved"] * 9 + ["refused"]))
    after = rng.random()
    if after < 0.2:  # decided, the result not (yet) attached or at the desk
        if after < 0.1:
            with clock.frozen(at(later(day, cursor), 11)):
                results.dossier_attach_result(actor=world.specialist, dossier_id=dossier.pk, title="Kết quả",
                                              file_name="kq.pdf", content=samples.pdf(text="kq"))  # fmt: skip
        return dossier
    cursor += rng.choice([0, 1, 3])
    return_result(world, dossier, at(later(day, cursor), 15))
    if rng.random() < 0.85:
        with clock.frozen(at(later(day, cursor), 16)):
            rating_submit(dossier_id=dossier.pk, channel="qr", token=tracking_token(dossier.code),
                          satisfied=rng.random() < 0.9)  # fmt: skip
    return dossier


def _deliver_some_to_the_portal(settings, rng):
    """A quarter of the portal messages reach the portal (the index records each delivery with the message)."""
    from motcua.integrations import delivery, handlers
    from motcua.integrations.models import OutboxMessage, OutboxStatus

    settings.NATIONAL_PORTAL_URL = "https://portal.example/api"
    portal = OutboxMessage.objects.filter(topic="portal.dossier_status").values_list("pk", flat=True)
    keep = {pk for pk in portal if rng.random() < 0.25}
    OutboxMessage.objects.exclude(pk__in=keep).update(status=OutboxStatus.HELD)
    with delivery.topic_handlers.replaced(handlers.TOPIC_PORTAL, lambda message: None):
        while outbox.drain(limit=500):
            pass


def _snapshot():
    facts = {row[0]: row for row in DossierFact.objects.values_list("dossier_id", *FACT_FIELDS)}
    day_sums = {}
    for a, f, p, d, m, v in journal.unfolded_rows().values_list(
        "agency_id", "field_id", "procedure_id", "day", "measure", "delta"
    ):
        day_sums[(a, f, p, d, m)] = day_sums.get((a, f, p, d, m), 0) + v
    for a, f, p, d, m, v in (
        Total.objects.filter(grain__in=(Total.DAY, Total.STOCK_DAY))
        .exclude(field_id=0)
        .values_list("agency_id", "field_id", "procedure_id", "bucket", "measure", "value")
    ):
        day_sums[(a, f, p, d, m)] = day_sums.get((a, f, p, d, m), 0) + v
    return facts, {k: v for k, v in day_sums.items() if v}


def _reports(world, fields):
    out = []
    for start, end in PERIODS:
        out.append(report(world, start, end))
        out.append(report(world, start, end, field_id=fields[0]))
        out.append(report(world, start, end, part=Part.PROVINCIAL_BODIES))
        out.append(report(world, start, end, root=world.city.justice))
    return out


@pytest.mark.django_db
def test_rebuild_equals_incremental_on_2000_dossiers(world, settings):
    rng = random.Random(766)
    versions = [world.version, _second_version(world)]
    made = []
    stored = None
    for n in range(COUNT):
        made.append(_story(world, versions, rng, n, stored))
        stored = stored or StoredFile.objects.filter(owner_applicant=world.citizen).values_list("pk", flat=True).first()
    _deliver_some_to_the_portal(settings, rng)
    fields = [v.field_id for v in versions]
    # given what the event subscriber wrote, journal only
    incremental = _snapshot()
    before = _reports(world, fields)
    assert DossierFact.objects.count() == len(made)
    # when the journal is folded (on PostgreSQL, not the rows of this test's own open transaction), nothing read
    # changes; the rebuild below then starts from folded rows on SQLite and from journal rows on PostgreSQL
    journal_rows = Delta.objects.count()
    compact()
    assert Delta.objects.count() == journal_rows  # append-only: folding moves the mark, the rows stay
    assert _snapshot() == incremental
    assert _reports(world, fields) == before
    # when everything is recounted from the raw tables, the facts and every aggregate are the same
    assert recount_all(chunk=300) == len(made)
    assert _snapshot() == incremental
    assert _reports(world, fields) == before
    # and the scenario covered what it should
    figures = before[8]  # January–March, whole city
    counts = {g["key"]: g for g in figures["groups"]}
    on_time = counts["progress"]["indicators"][0]
    assert 0 < on_time["numerator"] < on_time["denominator"]
    assert {c["key"]: c["numerator"] > 0 for c in counts["online_payment"]["indicators"][0]["components"]} == {
        "A": True, "B": True, "C": True,
    }  # fmt: skip
    synced = counts["transparency"]["indicators"][3]
    assert 0 < synced["numerator"] < synced["denominator"]
