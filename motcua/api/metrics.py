"""metrics endpoints (filled in by their issue)."""

from ninja import Router

router = Router(tags=["metrics"])
