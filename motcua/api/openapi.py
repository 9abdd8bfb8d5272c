"""The NinjaAPI subclass motcua uses: JSON bodies are JSON only, and every operation documents its error responses.

A JSON body must be sent as ``application/json`` (anything else is a 415) and must parse (else a 400); see
``motcua.api.parsing``. Any operation that takes parameters or a body can answer 422 (validation), one with a JSON
body 400 and 415, and any operation that needs authentication can answer 401; all in the common ``ErrorOut`` shape.
Adding them here keeps the schema honest without repeating them on every route. Text parameters and properties
also say they take no NUL character (refused by ``motcua.api.middleware``).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer
from pydantic import BaseModel

from motcua.api.errors import ErrorOut
from motcua.api.parsing import JSON

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
DEFAULT_ERRORS = {
    "400": "The body is not valid JSON",
    "401": "Not authenticated",
    "413": "The request body is larger than this operation takes (refused before it is read)",
    "415": "The body is not sent as application/json",
    "422": "The request is not valid",
}


#: What ``RejectNulMiddleware`` enforces, said in the schema of every text parameter without a pattern of its own.
NO_NUL = "^[^\\u0000]*$"


def _no_nul(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string" and not ({"pattern", "format", "enum", "const"} & schema.keys()):
        schema["pattern"] = NO_NUL
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            _no_nul(option)
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(schema.get(key), dict):
            _no_nul(schema[key])


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


#: Models of bodies that operations read themselves (declared with :func:`body_of`), added to the components.
BODY_MODELS: dict[str, type[BaseModel]] = {}


def body_of(model: type[BaseModel]) -> dict[str, Any]:
    """The ``requestBody`` of an operation that parses ``model`` itself (as JSON), for ``openapi_extra``."""
    BODY_MODELS[model.__name__] = model
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"required": True, "content": {JSON: {"schema": ref}}}


def _add_models(components: dict[str, Any]) -> None:
    for name, model in BODY_MODELS.items():
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(schema.pop("$defs", {}))
        components[name] = schema


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
        _add_models(components)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # ninja keys its responses by int, ``openapi_extra`` by str: one key each, or the JSON repeats
                # "422" and Swagger UI (a YAML parser) refuses the schema. A later entry wins, as it did in JSON.
                responses = {str(code): value for code, value in operation.get("responses", {}).items()}
                operation["responses"] = responses
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault("422", _error_response(DEFAULT_ERRORS["422"]))
                if operation.get("requestBody"):
                    responses.setdefault("413", _error_response(DEFAULT_ERRORS["413"]))
                if JSON in operation.get("requestBody", {}).get("content", {}):
                    responses.setdefault("400", _error_response(DEFAULT_ERRORS["400"]))
                    responses.setdefault("415", _error_response(DEFAULT_ERRORS["415"]))
                if operation.get("security"):
                    responses.setdefault("401", _error_response(DEFAULT_ERRORS["401"]))
                for parameter in operation.get("parameters", ()):
                    _no_nul(parameter.get("schema", {}))
        for component in components.values():
            for prop in component.get("properties", {}).values():
                _no_nul(prop)
        return schema


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Vietnamese letters as they are (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012
