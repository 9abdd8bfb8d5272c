"""``POST /dossiers/{id}/actions/{verb}``: one operation per verb, each with the body that verb takes.

Whether the actor may take the verb is checked before the body is read (403 first). The schema of each body says
exactly what the verb needs (required fields, choices, non-blank texts, and the two
conditional fields: a refusal's reason, an online payment's gateway), so a request the schema accepts is never
refused for its shape; what is left is the dossier's business: 403 (not yours to do), 404 (a step, user or agency
that does not exist), 409 (not possible now: state, version, the dossier's data).
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError, ValidationError
from pydantic import AwareDatetime, Field, model_validator
from pydantic import ValidationError as PydanticValidationError

from motcua.api.auth import AUTH, current_user
from motcua.api.dossiers import ERRORS, DossierDetailOut, detail_of
from motcua.api.openapi import body_of
from motcua.api.parsing import BodyIn, JsonOnlyParser
from motcua.dossiers import selectors
from motcua.dossiers.actions import VERBS, action_permitted, run_action
from motcua.dossiers.models import Outcome, PauseReason, PaymentMethod, ReturnMethod

router = Router(tags=["dossiers"])

#: Text that is required: at least one character that is not white space (and no NUL, which the API refuses).
FILLED = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _text(description: str, *, required: bool = False, max_length: int = 4000) -> Any:
    if required:
        return Field(..., description=description, min_length=1, max_length=max_length, pattern=FILLED)
    return Field("", description=description, max_length=max_length)


class VersionIn(BodyIn):
    version: int = Field(ge=1, le=2**62, description="The version of the dossier you saw; a mismatch is a 409")


class SupplementItemIn(BodyIn):
    name: str = _text("What to complete (a component or free text)", required=True, max_length=500)
    reason: str = _text("What is wrong with it", max_length=1000)
    component_id: int | None = Field(None, ge=1, le=2**62)


class RequestSupplementIn(VersionIn):
    items: list[SupplementItemIn] = Field(
        min_length=1, max_length=100, description="Everything the applicant must complete, listed at once"
    )
    note: str = _text("Note to the applicant")


class ReasonIn(VersionIn):
    reason: str = _text("The reason", required=True)


class OptionalReasonIn(VersionIn):
    reason: str = _text("The reason, if any")


class NoteIn(VersionIn):
    note: str = _text("A note")


class TransferIn(VersionIn):
    to_user: str | None = Field(None, min_length=1, max_length=150, description="User name of the first handler")


class AssignIn(VersionIn):
    step_id: int = Field(ge=1, le=2**62, description="The step acted on")
    assignee: str = Field(min_length=1, max_length=150, description="User name")


class StepNoteIn(VersionIn):
    step_id: int = Field(ge=1, le=2**62, description="The step acted on")
    kind: str = Field(pattern="^(appraisal|verification|site_visit|other)$")
    content: str = _text("What was found", required=True)
    place: str = _text("Where", max_length=255)
    participants: str = _text("Who took part", max_length=1000)


class HandoverIn(VersionIn):
    step_id: int = Field(ge=1, le=2**62, description="The step acted on")
    to_user: str | None = Field(None, min_length=1, max_length=150, description="User name receiving the hand-over")
    note: str = _text("A note")


class ConsultIn(VersionIn):
    agency: str = Field(min_length=13, max_length=13, description="Consulted agency (identifier code)")
    unit: str | None = Field(None, min_length=1, max_length=30, description="A unit of that agency")
    content: str = _text("What the consulted agency must answer", required=True)
    hours: int = Field(ge=1, le=480, description="Working hours to answer")


class PauseIn(VersionIn):
    pause_reason: PauseReason
    note: str = _text("Explanation to the applicant")
    items: list[SupplementItemIn] = Field(default_factory=list, max_length=100)


def _required_when(field: str, value: str, required: str, then: dict[str, Any]) -> Any:
    """The schema of a body whose ``required`` field is needed (as ``then`` says) when ``field`` is ``value``."""

    def extra(schema: dict[str, Any]) -> None:
        schema["if"] = {"properties": {field: {"const": value}}, "required": [field]}
        schema["then"] = {"required": [required], "properties": {required: then}}

    return extra


class DecideIn(VersionIn):
    model_config = {
        **BodyIn.model_config,
        "json_schema_extra": _required_when("outcome", "refused", "reason", {"minLength": 1, "pattern": FILLED}),
    }

    outcome: Outcome
    reason: str = _text("The reason; required (not blank) when refused")

    @model_validator(mode="after")
    def _reason_of_a_refusal(self) -> "DecideIn":
        if self.outcome == Outcome.REFUSED and not self.reason.strip():
            raise ValueError("a refusal after appraisal needs its reason")
        return self


class ReturnIn(VersionIn):
    method: ReturnMethod
    note: str = _text("A note")


class ApologiseIn(VersionIn):
    reason: str = _text("The reason for the delay", required=True)
    new_appointment: AwareDatetime = Field(description="The new appointment, with its UTC offset")


class PaymentIn(VersionIn):
    model_config = {
        **BodyIn.model_config,
        "json_schema_extra": _required_when("method", "online", "gateway", {"type": "integer"}),
    }

    method: PaymentMethod
    amount: int = Field(ge=1, le=10_000_000_000, description="VND")
    receipt_no: str = _text("The receipt number", required=True, max_length=60)
    gateway: int | None = Field(None, ge=1, le=2, description="1 national platform, 2 local; required online")

    @model_validator(mode="after")
    def _gateway_of_an_online_payment(self) -> "PaymentIn":
        if self.method == PaymentMethod.ONLINE and self.gateway is None:
            raise ValueError("an online payment names its gateway (1 or 2)")
        return self


#: The body of each verb (exactly the verbs of ``motcua.dossiers.actions.VERBS``).
INPUTS: dict[str, type[VersionIn]] = {
    "submit": VersionIn,
    "receive": VersionIn,
    "request_supplement": RequestSupplementIn,
    "supplement": VersionIn,
    "refuse": ReasonIn,
    "withdraw": OptionalReasonIn,
    "transfer": TransferIn,
    "assign": AssignIn,
    "note": StepNoteIn,
    "handover": HandoverIn,
    "consult": ConsultIn,
    "pause": PauseIn,
    "resume": NoteIn,
    "decide": DecideIn,
    "send_to_desk": VersionIn,
    "return_result": ReturnIn,
    "apologise": ApologiseIn,
    "stop": ReasonIn,
    "exempt_fees": ReasonIn,
    "record_payment": PaymentIn,
}
assert set(INPUTS) == set(VERBS)  # noqa: S101 - the API exposes exactly the service verbs


def _parse(request: HttpRequest, body: type[VersionIn]) -> VersionIn:
    """The verb's body, read only once the actor's right is checked (a 400, 415 or 422 otherwise)."""
    try:
        data = JsonOnlyParser().parse_body(request) if request.body else {}
    except ValueError as exc:
        raise HttpError(400, "Cannot parse request body") from exc
    try:
        return body.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationError([dict(e) for e in exc.errors(include_url=False, include_context=False)]) from exc


def _operation(verb: str, body: type[VersionIn]) -> None:
    def action(request: HttpRequest, dossier_id: int) -> dict[str, Any]:
        user = current_user(request)
        selectors.dossier_get(user, dossier_id)  # a dossier you may not see: the same 404 as an unknown one
        action_permitted(verb, actor=user, dossier_id=dossier_id)  # then 403, before the body is even read
        payload = _parse(request, body)
        run_action(verb, actor=user, dossier_id=dossier_id, data=payload.model_dump(mode="python"))
        return detail_of(selectors.dossier_get(user, dossier_id))

    action.__name__ = f"action_{verb}"
    router.post(
        f"/{{dossier_id}}/actions/{verb}",
        response={200: DossierDetailOut, **ERRORS},
        auth=AUTH,
        summary=f"Action: {verb.replace('_', ' ')}",
        operation_id=f"dossier_action_{verb}",
        openapi_extra={"requestBody": body_of(body)},
    )(action)


for _verb, _body in INPUTS.items():
    _operation(_verb, _body)
