"""The hash of one dossier event (scheme 1), without Django: the one definition, used by the services (through
``chain``), the verifier, the data migration and the benches' bulk loaders.

SHA-256 over the canonical JSON of ``[1, dossier id, seq, at, actor id, action, from state, to state, reason,
payload, previous hash]`` — never change it; a new scheme gets a new leading number:

- ``at`` in UTC with microseconds (``2026-03-02T02:00:00.000000Z``); the actor id is ``null`` for none;
- JSON with sorted keys, no spaces, UTF-8 (no ``\\u`` escapes for non-ASCII). The payload is hashed as the database
  gives it back (a JSON round trip: tuples become lists, keys become strings) and a float the database turns into
  an integer (``1e+20`` in PostgreSQL's ``jsonb``) is hashed as that integer, so both databases agree;
- the first event of a dossier (``seq`` 1) has the previous hash :data:`GENESIS` (64 zeros).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

SCHEME = 1
GENESIS = "0" * 64


def utc_text(at: dt.datetime) -> str:
    """``at`` in UTC with microseconds, as hashed."""
    if at.tzinfo is None:
        raise ValueError("event moments are aware datetimes")
    utc = at.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond:06d}Z"


def _as_stored(value: Any) -> Any:
    """``value`` as a JSON column gives it back: integral floats beyond 2**53 become integers, -0.0 becomes 0.0."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1e16:
            return int(Decimal(repr(value)))  # the digits written, not the binary value
        return value + 0.0
    if isinstance(value, dict):
        return {key: _as_stored(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_stored(item) for item in value]
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_payload(payload: Any) -> Any:
    """The payload as read back from the database (a JSON round trip), ready to hash."""
    return json.loads(json.dumps(payload)) if payload is not None else {}


def content_hash(
    *,
    dossier_id: int,
    seq: int,
    at: dt.datetime | str,
    actor_id: int | None,
    action: str,
    from_state: str,
    to_state: str,
    reason: str,
    payload: Any,
    prev_hash: str,
) -> str:
    """The hex SHA-256 of one event (``at`` an aware datetime or already :func:`utc_text`; ``payload`` as stored)."""
    moment = at if isinstance(at, str) else utc_text(at)
    record = [SCHEME, dossier_id, seq, moment, actor_id, action, from_state, to_state, reason, payload, prev_hash]
    text = _dumps(record)
    if "e+" in text or "-0.0" in text:  # rare: normalise the floats a JSON column would change
        record[9] = _as_stored(payload)
        text = _dumps(record)
    return hashlib.sha256(text.encode()).hexdigest()


def chain_rows(rows: list[dict[str, Any]]) -> None:
    """Fill ``seq``, ``prev_hash`` and ``hash`` of one new dossier's event rows, given in order as dicts of the
    event's columns (``dossier_id``, ``at``, ``actor_id``, ``action``, ``from_state``, ``to_state``, ``reason``,
    ``payload``): for bulk loaders that write rows without the ORM."""
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        row["seq"], row["prev_hash"] = seq, prev
        row["hash"] = prev = content_hash(
            dossier_id=row["dossier_id"], seq=seq, at=row["at"], actor_id=row["actor_id"], action=row["action"],
            from_state=row["from_state"], to_state=row["to_state"], reason=row["reason"],
            payload=canonical_payload(row["payload"]), prev_hash=prev,
        )  # fmt: skip
