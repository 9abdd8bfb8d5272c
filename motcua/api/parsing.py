"""JSON bodies are JSON only: sent as ``application/json`` (else a 415) and a JSON object (else a 400).

django-ninja parses every body operation's payload with ``json.loads`` whatever its content type, so a body sent as
``text/plain`` skipped the checks made for JSON (the NUL character) and reached the database. The parser here
refuses it; django-ninja turns a parser error into a 400 whose cause is kept, and ``motcua.api.errors`` answers an
:class:`UnsupportedMediaType` cause as a 415.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from ninja import Schema
from ninja.parser import Parser
from ninja.types import DictStrAny
from pydantic import ConfigDict

JSON = "application/json"


class UnsupportedMediaType(ValueError):
    """A JSON body sent with another content type (django-ninja turns a parser error into a 400 whose cause this
    is; ``motcua.api.errors`` answers it as a 415)."""


class JsonOnlyParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        if request.content_type != JSON:
            raise UnsupportedMediaType(request.content_type)
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("a JSON object is expected")
        return data


class BodyIn(Schema):
    """A JSON body: properties it does not name are refused (a 422), and its schema says so
    (``additionalProperties: false``), so the OpenAPI schema describes exactly what is accepted."""

    model_config = ConfigDict(extra="forbid")
