"""Public references given at submission, before a dossier has its code."""

from __future__ import annotations

import secrets

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_reference() -> str:
    """``HS`` + 10 characters, e.g. ``HSK7P2M9QX4A``."""
    return "HS" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(10))
