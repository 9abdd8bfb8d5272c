"""Demo data of the catalog app (filled in by its issue)."""

from typing import Any


def load(stdout: Any) -> None:
    return None
