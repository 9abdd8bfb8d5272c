"""Procedure catalogue endpoints (filled in by the catalogue issue)."""

from ninja import Router

router = Router(tags=["catalog"])
