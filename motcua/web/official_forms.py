"""The official forms (PDF) a dossier page offers, on the applicant's page and on the staff's alike."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.dossiers.documents.services import forms_of
from motcua.dossiers.models import Dossier, DossierEvent


def form_url(dossier_id: int, number: str) -> str:
    """The official form as PDF (issue 6's endpoint): 01 receipt, 02 supplement, 03 refusal, 04 apology,
    05 control sheet."""
    return f"/api/v1/dossiers/{dossier_id}/forms/{number}.pdf"


def dossier_forms(dossier: Dossier, events: list[DossierEvent]) -> list[tuple[str, str, str]]:
    """(number, title, PDF address) of the official forms that apply to the dossier now, from the form set in force
    on its reception date (TT 01/2018 or a later set); ``events``: the dossier's timeline, the page has it."""
    return [
        (
            f.number,
            _("%(title)s (form %(number)s)") % {"title": f.title, "number": f.number},
            form_url(dossier.pk, f.number),
        )
        for f in forms_of(dossier, events)
        if f.applies
    ]
