"""What each dossier action takes: one typed input per verb, named by the registry (:mod:`motcua.dossiers.actions`).

The API validates a request body against these models (their JSON schema is the operation's request body: required
fields, choices, non-blank texts, the two conditional fields), so a request the schema accepts is never refused for
its shape. The back office's Django forms check their own fields and hand the same models to the services
(:meth:`ActionInput.checked`), whose rules then speak in their own words next to the field.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import AwareDatetime, Field, model_validator

from motcua.core.inputs import FILLED, ActionInput
from motcua.core.inputs import text as _text
from motcua.dossiers.models import Outcome, PauseReason, PaymentMethod, ReturnMethod


class VersionIn(ActionInput):
    version: int = Field(ge=1, le=2**62, description="The version of the dossier you saw; a mismatch is a 409")


class SupplementItemIn(ActionInput):
    name: str = _text("What to complete (a component or free text)", required=True, max_length=500)
    reason: str = _text("What is wrong with it", max_length=1000)
    component_id: int | None = Field(None, ge=1, le=2**62)


class RequestSupplementIn(VersionIn):
    items: list[SupplementItemIn] = Field(
        min_length=1, max_length=100, description="Everything the applicant must complete, listed at once"
    )
    note: str = _text("Note to the applicant")

    @classmethod
    def checked(cls, data: dict[str, Any]) -> Self:
        items = [SupplementItemIn.checked(item) for item in data.get("items", [])]
        return super().checked({**data, "items": items})


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

    @classmethod
    def checked(cls, data: dict[str, Any]) -> Self:
        items = [SupplementItemIn.checked(item) for item in data.get("items", [])]
        return super().checked({**data, "items": items})


def _required_when(field: str, value: str, required: str, then: dict[str, Any]) -> Any:
    """The schema of a body whose ``required`` field is needed (as ``then`` says) when ``field`` is ``value``."""

    def extra(schema: dict[str, Any]) -> None:
        schema["if"] = {"properties": {field: {"const": value}}, "required": [field]}
        schema["then"] = {"required": [required], "properties": {required: then}}

    return extra


class DecideIn(VersionIn):
    model_config = {
        **ActionInput.model_config,
        "json_schema_extra": _required_when("outcome", "refused", "reason", {"minLength": 1, "pattern": FILLED}),
    }

    outcome: Outcome
    reason: str = _text("The reason; required (not blank) when refused")

    @model_validator(mode="after")
    def _reason_of_a_refusal(self) -> DecideIn:
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
        **ActionInput.model_config,
        "json_schema_extra": _required_when("method", "online", "gateway", {"type": "integer"}),
    }

    method: PaymentMethod
    amount: int = Field(ge=1, le=10_000_000_000, description="VND")
    receipt_no: str = _text("The receipt number", required=True, max_length=60)
    gateway: int | None = Field(None, ge=1, le=2, description="1 national platform, 2 local; required online")

    @model_validator(mode="after")
    def _gateway_of_an_online_payment(self) -> PaymentIn:
        if self.method == PaymentMethod.ONLINE and self.gateway is None:
            raise ValueError("an online payment names its gateway (1 or 2)")
        return self
