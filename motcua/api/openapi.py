"""The NinjaAPI subclass motcua uses: every operation documents its error responses.

Any operation that takes parameters or a body can answer 422 (validation), and any operation that needs
authentication can answer 401; both in the common ``ErrorOut`` shape. Adding them here keeps the schema honest
without repeating them on every route. Text parameters also say they take no NUL character (refused by
``motcua.api.middleware``).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from motcua.api.errors import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
DEFAULT_ERRORS = {
    "401": "Not authenticated",
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
    if isinstance(schema.get("items"), dict):
        _no_nul(schema["items"])


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # ninja keys its responses by int, ``openapi_extra`` by str: one key each, or the JSON repeats
                # "422" and Swagger UI (a YAML parser) refuses the schema. A later entry wins, as it did in JSON.
                responses = {str(code): value for code, value in operation.get("responses", {}).items()}
                operation["responses"] = responses
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault("422", _error_response(DEFAULT_ERRORS["422"]))
                if operation.get("security"):
                    responses.setdefault("401", _error_response(DEFAULT_ERRORS["401"]))
                for parameter in operation.get("parameters", ()):
                    _no_nul(parameter.get("schema", {}))
        return schema


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Vietnamese letters as they are (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012
