"""Domain errors. Services raise these; the API and pages turn them into messages.

Each error carries a stable machine ``code``, a human ``message`` (translatable, Vietnamese by default)
and, for validation, the per-field messages in ``fields``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: Any, *, code: str | None = None, fields: Mapping[str, Any] | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.fields: dict[str, Any] = dict(fields or {})

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": str(self.message),
            "fields": {key: [str(m) for m in _as_list(value)] for key, value in self.fields.items()},
        }


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


class ValidationFailed(DomainError):
    code = "invalid"
    status = 422


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409
