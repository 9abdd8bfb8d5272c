"""Which agency handles a petition filed by the public (portal, API, Open311, Zalo): one rule for every channel.

The agency the petition is about, when the sender named one; otherwise the agency whose code is in the setting
``PETITION_DEFAULT_AGENCY`` (the city's petition office); otherwise the root of the agency tree (the people's
committee). The office then forwards it within the tree if another agency is competent (art. 9).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.orgs.models import Agency


def handling_agency_for(concerned: Agency | None = None) -> Agency:
    if concerned is not None:
        return concerned
    code = str(getattr(settings, "PETITION_DEFAULT_AGENCY", "") or "")
    agency = Agency.objects.filter(code=code).first() if code else None
    if agency is None:
        agency = Agency.objects.filter(parent__isnull=True, is_active=True).order_by("pk").first()
    if agency is None:
        raise ValidationFailed(_("No agency receives petitions yet."), code="no_petition_agency")
    return agency
