"""bench/pages generates its million dossiers with COPY, not through the services. Here, on a small set made
through the services, its rows are checked to have the same shapes: the same columns, the same nullness of each
column in each state, the same value domains, the same event payload keys."""

import datetime as dt
import random
import re
from collections import defaultdict

import pytest

from bench.pages import generate
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, FeeLine, Step
from motcua.dossiers.services import intake, processing, reception, results
from motcua.dossiers.services.reception import SupplementItem
from motcua.dossiers.tests.factories import PDF, settle_fees, vn
from motcua.dossiers.workflow import TRANSITIONS, State

MODELS = {"dossier": Dossier, "step": Step, "event": DossierEvent, "component": DossierComponent, "feeline": FeeLine}


def service_dossiers(world):
    """One dossier in each state the pages show, made through the services."""
    desk, spec, leader = world.desk, world.specialist, world.leader

    def counter():
        return reception.dossier_intake_at_desk(
            actor=desk, version=world.version, applicant=world.citizen, handling_agency=world.city.justice,
            receiving_agency=world.city.centre, components=world.components(),
        )  # fmt: skip

    def online(submit=True):
        d = intake.dossier_create(
            actor=world.citizen_user, version=world.version, applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=2,
        )  # fmt: skip
        intake.dossier_put_components(actor=world.citizen_user, dossier_id=d.pk, items=world.components())
        return intake.dossier_submit(actor=world.citizen_user, dossier_id=d.pk) if submit else d

    with clock.frozen(vn(2026, 3, 2, 9, 0)):
        online(submit=False)  # draft
        online()  # submitted
        reception.dossier_request_supplement(
            actor=desk, dossier_id=online().pk, items=[SupplementItem("Tờ khai", "Thiếu chữ ký")]
        )
        reception.dossier_refuse(actor=desk, dossier_id=online().pk, reason="Không thuộc thẩm quyền")
        reception.dossier_withdraw(actor=world.citizen_user, dossier_id=online().pk)
        counter()  # received
        for final in ("in_progress", "paused", "decided", "result_ready", "returned", "stopped"):
            d = counter()
            if final == "stopped":
                results.dossier_stop(actor=desk, dossier_id=d.pk, reason="Người nộp đề nghị dừng")
                continue
            processing.dossier_transfer(actor=desk, dossier_id=d.pk)
            if final == "paused":
                processing.dossier_pause(actor=spec, dossier_id=d.pk, reason="applicant")
                continue
            step = d.steps.get(status="active")
            processing.dossier_handover(actor=spec, dossier_id=d.pk, step_id=step.pk)
            if final == "in_progress":
                results.dossier_apologise(
                    actor=leader, dossier_id=d.pk, reason="Cần xác minh", new_appointment=vn(2026, 3, 12, 16, 0)
                )
                continue
            results.dossier_decide(actor=leader, dossier_id=d.pk, outcome="approved")
            if final == "decided":
                continue
            results.dossier_attach_result(actor=spec, dossier_id=d.pk, title="KQ", file_name="kq.pdf", content=PDF)
            results.dossier_send_to_desk(actor=spec, dossier_id=d.pk)
            if final == "returned":
                settle_fees(desk, d.pk)
                results.dossier_return_result(actor=desk, dossier_id=d.pk, method="desk")


def bench_ctx(world):
    justice, centre = world.city.justice, world.city.centre
    component, fee = world.version.components.first(), world.version.fees.first()
    dept = generate.Department(
        justice.pk, {u.code: u.pk for u in justice.units.all()}, 0, world.specialist.pk, world.leader.pk
    )
    return generate.Ctx(
        version_id=world.version.pk, component_id=component.pk, component_name=component.name, fee_id=fee.pk,
        fee_name=fee.name, fee_amount=fee.amount, limit_amount=world.version.committed_amount,
        limit_unit=world.version.committed_unit, procedure_code=world.version.procedure.code, centre_id=centre.pk,
        centre_code=centre.code, centre_units={u.code: u.pk for u in centre.units.all()}, centre_desk=world.desk.pk,
        departments=[dept], applicant_ids=[world.citizen.pk], online=[(world.citizen.pk, world.citizen_user.pk)],
    )  # fmt: skip


def generated(world, n=600):
    ctx = bench_ctx(world)
    rng, counters = random.Random(1), generate.Counters()
    now = dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC)
    tables = defaultdict(list)
    for i, moment in enumerate(generate.created_moments(n, now, years=0.3)):
        for name, rows in generate.dossier_rows(ctx, i + 1, moment, now, rng, counters).items():
            tables[name].extend(rows)
    return tables


def columns(model):
    return {f.attname for f in model._meta.concrete_fields}


@pytest.fixture
def both(world):
    service_dossiers(world)
    return generated(world)


def test_the_generator_writes_every_column_of_each_table(both):
    for name, model in MODELS.items():
        assert both[name], name
        for row in both[name]:
            assert set(row) in (columns(model), columns(model) - {"id"}), name


def test_each_state_has_the_same_null_columns(both):
    def pattern(row):
        # an online dossier has its owner (the account), a desk one not: checked below
        return frozenset(k for k, v in row.items() if v is None and k != "owner_id")

    made = {d["state"]: pattern(d) for d in Dossier.objects.values()}
    gen = defaultdict(set)
    for row in both["dossier"]:
        gen[row["state"]].add(pattern(row))
    assert set(made) <= set(gen), set(made) - set(gen)
    for state, nulls in made.items():
        assert gen[state] == {nulls}, state
    for row in [*Dossier.objects.values(), *both["dossier"]]:
        assert (row["owner_id"] is not None) == (row["channel"] == 2), row["state"]


def test_value_domains_and_formats_match(both):
    for name, model, fields in [
        ("dossier", Dossier, ["state", "channel", "limit_unit", "outcome", "return_method"]),
        ("step", Step, ["kind", "role", "status", "position", "is_consultation"]),
        ("event", DossierEvent, ["action", "from_state", "to_state"]),
    ]:
        for field in fields:
            made = set(model.objects.values_list(field, flat=True))
            gen = {row[field] for row in both[name]}
            assert gen <= made | _allowed(model, field), (name, field, gen - made)
    code = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
    assert all(code.match(r["code"]) for r in both["dossier"] if r["code"])
    assert all(re.fullmatch(r"HS[A-HJ-NP-Z2-9]{10}", r["reference"]) for r in both["dossier"])
    assert len({r["reference"] for r in both["dossier"]}) == len(both["dossier"])


def _allowed(model, field):
    if model is DossierEvent and field in ("from_state", "to_state"):
        return set(State.values) | {""}
    choices = model._meta.get_field(field).choices
    return {c[0] for c in choices} if choices else set()


def test_every_generated_event_is_an_edge_of_the_workflow(both):
    for row in both["event"]:
        if row["action"] == "create":
            assert (row["from_state"], row["to_state"]) == ("", "draft")
            continue
        edge = TRANSITIONS[row["action"]]
        assert row["from_state"] in edge.sources, row
        assert row["to_state"] == (edge.target or row["from_state"]), row


def test_event_payloads_have_the_services_keys(both):
    made = defaultdict(set)
    for action, payload in DossierEvent.objects.values_list("action", "payload"):
        made[action].add(frozenset(payload))
    for row in both["event"]:
        if row["action"] in made:
            assert frozenset(row["payload"]) in made[row["action"]], row["action"]
