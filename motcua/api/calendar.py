"""Working-calendar endpoints (filled in by the workcalendar issue)."""

from ninja import Router

router = Router(tags=["calendar"])
