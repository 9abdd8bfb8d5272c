"""The registry of dossier actions is the one verb list: the workflow's edges, the API's operations and the back
office's forms all come from it, and what the staff page offers agrees with what the services allow."""

import pytest

from motcua.backoffice import forms
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.dossiers.actions import ACTIONS, REGISTRY
from motcua.dossiers.available import available_actions
from motcua.dossiers.labels import ACTION_LABELS
from motcua.dossiers.models import Dossier, StepStatus
from motcua.dossiers.services import processing, results
from motcua.dossiers.tests.factories import in_progress, vn
from motcua.dossiers.visibility import EVENT_KINDS
from motcua.dossiers.workflow import TRANSITIONS


def test_the_registry_has_exactly_the_verbs_of_the_workflow_table():
    assert [spec.verb for spec in ACTIONS] == list(REGISTRY)
    assert set(REGISTRY) == set(TRANSITIONS)


def test_every_verb_is_an_event_kind_with_a_label_for_the_applicant_and_for_staff():
    """One table of event kinds (``visibility.EVENT_KINDS``): the staff labels are read from it, not restated."""
    assert set(REGISTRY) <= set(EVENT_KINDS)
    assert {action: kind.staff_label for action, kind in EVENT_KINDS.items()} == ACTION_LABELS
    # Staff may be told otherwise than citizens (their own wording), or the same.
    assert ACTION_LABELS["refuse"] is EVENT_KINDS["refuse"].staff is not None
    assert ACTION_LABELS["receive"] is EVENT_KINDS["receive"].label


@pytest.mark.django_db
def test_the_api_has_one_operation_per_verb_taken_by_name(client):
    spec = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"].removeprefix("dossier_action_")
        for path, methods in spec["paths"].items()
        if "/actions/" in path
        for op in methods.values()
    }
    assert operations == {s.verb for s in ACTIONS if s.input is not None}
    for s in ACTIONS:
        if s.input is not None:
            body = spec["paths"][f"/api/v1/dossiers/{{dossier_id}}/actions/{s.verb}"]["post"]["requestBody"]
            assert body["content"]["application/json"]["schema"]["$ref"].endswith(f"/{s.input.__name__}")


def test_the_back_office_has_a_form_for_each_staff_action_and_for_no_other():
    staff = [s for s in ACTIONS if s.staff]
    assert all(issubclass(forms.action_form(s.verb), forms.ActionForm) for s in staff)
    assert all(not s.form for s in ACTIONS if not s.staff)
    assert not hasattr(forms, "ACTION_FORMS")


def _offered(user, dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    steps = list(dossier.steps.select_related("agency").order_by("position", "pk"))
    has_result = dossier.files.filter(kind="result").exists()
    has_apology = dossier.events.filter(action="apologise").exists()
    return {a.verb for a in available_actions(user, dossier, steps, has_apology=has_apology, has_result=has_result)}


def test_decide_is_offered_only_when_the_service_would_take_it(world):
    # Given a dossier whose first step is still in hand
    dossier = in_progress(world)
    # Then the leader is not offered the decision, and the service refuses it for the same reason
    assert "decide" not in _offered(world.leader, dossier)
    with pytest.raises(Conflict) as refused:
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
    assert refused.value.code == "step_open"
    # When the step is handed over, the decision is offered and taken
    with clock.frozen(vn(2026, 3, 3, 9, 0)):
        step = dossier.steps.get(status=StepStatus.ACTIVE)
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
    assert "decide" in _offered(world.leader, dossier)
    results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")
    # Then sending to the desk waits for the result, on the page and in the service alike
    assert "send_to_desk" not in _offered(world.specialist, dossier)
    with pytest.raises(ValidationFailed) as missing:
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
    assert missing.value.code == "result_missing"


def test_a_fee_exemption_is_offered_once(world):
    dossier = in_progress(world)
    assert dossier.fee_total
    assert "exempt_fees" in _offered(world.desk, dossier)
    results.dossier_exempt_fees(actor=world.desk, dossier_id=dossier.pk, reason="Hộ nghèo")
    assert "exempt_fees" not in _offered(world.desk, dossier)
    with pytest.raises(Conflict) as again:
        results.dossier_exempt_fees(actor=world.desk, dossier_id=dossier.pk, reason="Hộ nghèo")
    assert again.value.code == "exemption_exists"
