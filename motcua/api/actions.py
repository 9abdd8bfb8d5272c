"""``POST /dossiers/{id}/actions/{verb}``: one operation per verb of the registry (``motcua.dossiers.actions``),
each with the body the registry gives that verb (``motcua.dossiers.inputs``).

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
from pydantic import ValidationError as PydanticValidationError

from motcua.api.auth import AUTH, current_user
from motcua.api.dossiers import ERRORS, DossierDetailOut, detail_of
from motcua.api.openapi import body_of
from motcua.api.parsing import JsonOnlyParser
from motcua.dossiers import selectors
from motcua.dossiers.actions import ACTIONS, action_permitted, run_action
from motcua.dossiers.inputs import VersionIn

router = Router(tags=["dossiers"])


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
        run_action(verb, actor=user, dossier_id=dossier_id, data=payload)
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


for _spec in ACTIONS:  # every verb taken by name, with the input the registry gives it
    if _spec.input is not None:
        _operation(_spec.verb, _spec.input)
