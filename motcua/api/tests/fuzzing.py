"""The API's schema for schemathesis, with the rules OpenAPI cannot state between two parameters.

OpenAPI describes each parameter on its own, so two rules of the API are written in the operations' descriptions
instead, and here for the fuzzer: a period's ``from`` is not after its ``to`` and spans less than
``MAX_PERIOD_DAYS`` (the register: ``date_from`` not after ``date_to``); ``/calendar/deadline`` takes exactly one of
``days`` and ``hours``. Generated requests that break them are the only ones filtered out; every check stays on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import schemathesis

from config.wsgi import application
from motcua.reports.services import MAX_DAYS as MAX_PERIOD_DAYS


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def period_ok(values: dict[str, Any] | None, first: str = "from", last: str = "to") -> bool:
    values = values or {}
    start, end = _day(values.get(first)), _day(values.get(last))
    if start is None or end is None:
        return True  # a missing or malformed date is the schema's business
    return start <= end and (end - start).days < MAX_PERIOD_DAYS


def case_ok(case: Any) -> bool:
    path, query, body = case.operation.path, case.query or {}, case.body
    if path.endswith("/calendar/deadline"):
        return (query.get("days") is None) != (query.get("hours") is None)
    if "/register/" in path:
        return period_ok(query, "date_from", "date_to")
    return period_ok(query) and (period_ok(body) if isinstance(body, dict) else True)


class Token:
    """The bearer token the authenticated run sends; set by its fixture for each test."""

    secret = ""


def load(*, with_token: bool = False) -> Any:
    """The API's schema; ``with_token``: every request carries :attr:`Token.secret` as a bearer token, set through
    schemathesis's auth (so its ``ignored_auth`` check can take it away and see the request refused)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

    @schema.hooks.hook
    def filter_case(ctx: Any, case: Any) -> bool:  # applied in every phase, the coverage phase included
        return case_ok(case)

    if with_token:

        @schema.auth(refresh_interval=None)
        class Bearer:
            def get(self, case: Any, ctx: Any) -> str:
                return Token.secret

            def set(self, case: Any, data: str, ctx: Any) -> None:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema
