"""Content-Security-Policy violation reports: read the two formats browsers send, and log each one.

- ``application/csp-report`` (``report-uri``): ``{"csp-report": {"document-uri": ..., "violated-directive": ...}}``;
- ``application/reports+json`` (``report-to``, the Reporting API): a list of ``{"type": "csp-violation",
  "body": {"documentURL": ..., "effectiveDirective": ...}}``; other report types are skipped.

A report is logged on the ``motcua.csp`` logger (WARNING), one line each. Addresses lose their query string and
fragment (a tracking page's address holds the dossier code), every value is cut short and stripped of control
characters, so a report cannot forge log lines. No table: the log is where an operator looks, and a flood cannot fill
the database.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

logger = logging.getLogger("motcua.csp")

LEGACY_TYPE = "application/csp-report"
REPORTING_TYPE = "application/reports+json"
CONTENT_TYPES = (LEGACY_TYPE, REPORTING_TYPE)
MAX_BODY_BYTES = 64 * 1024
MAX_REPORTS_PER_REQUEST = 20
_MAX_VALUE = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadReport(ValueError):
    """The body is not a report of the announced type."""


@dataclass(frozen=True)
class Violation:
    directive: str
    blocked: str
    document: str
    source: str
    line: str
    disposition: str


def _clean(value: Any) -> str:
    text = _CONTROL.sub(" ", str(value if value is not None else ""))
    return text[:_MAX_VALUE]


def _address(value: Any) -> str:
    """A URL without query string and fragment; keywords such as ``inline`` or ``eval`` as they are."""
    text = _clean(value)
    parts = urlsplit(text)
    if parts.scheme and parts.netloc:
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return text.split("?")[0].split("#")[0]


def _legacy(body: dict[str, Any]) -> Violation:
    return Violation(
        directive=_clean(body.get("effective-directive") or body.get("violated-directive")),
        blocked=_address(body.get("blocked-uri")),
        document=_address(body.get("document-uri")),
        source=_address(body.get("source-file")),
        line=_clean(body.get("line-number")),
        disposition=_clean(body.get("disposition") or "enforce"),
    )


def _reporting(body: dict[str, Any]) -> Violation:
    return Violation(
        directive=_clean(body.get("effectiveDirective")),
        blocked=_address(body.get("blockedURL")),
        document=_address(body.get("documentURL")),
        source=_address(body.get("sourceFile")),
        line=_clean(body.get("lineNumber")),
        disposition=_clean(body.get("disposition") or "enforce"),
    )


def violations_parse(*, body: bytes, content_type: str) -> list[Violation]:
    """The violations in a report body of ``content_type``; :class:`BadReport` if it is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadReport("not JSON") from error
    if content_type == LEGACY_TYPE:
        if not isinstance(data, dict) or not isinstance(data.get("csp-report"), dict):
            raise BadReport("no csp-report object")
        return [_legacy(data["csp-report"])]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BadReport("not a list of reports")
    return [
        _reporting(item["body"])
        for item in data[:MAX_REPORTS_PER_REQUEST]
        if item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
    ]


def violations_log(*, violations: list[Violation], client: str | None) -> None:
    for v in violations:
        logger.warning(
            "CSP violation: directive=%s blocked=%s document=%s source=%s:%s disposition=%s client=%s",
            v.directive, v.blocked, v.document, v.source, v.line, v.disposition, client or "-",
        )  # fmt: skip
