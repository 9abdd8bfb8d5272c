"""Names of the index's groups, indicators, components and bands (the API gives keys), and which drill-down
measures a numerator and a denominator are."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

GROUPS: dict[str, Any] = {
    "transparency": _("Transparency"),
    "progress": _("Progress of handling"),
    "online_services": _("Online services"),
    "online_payment": _("Online payment"),
    "satisfaction": _("Satisfaction"),
    "digitisation": _("Digitisation"),
}
INDICATORS: dict[str, Any] = {
    "published_on_time": _("procedures published on time"),
    "made_public_on_time": _("procedures made public on time"),
    "complete_content": _("complete content"),
    "dossiers_synced": _("dossiers synced in real time"),
    "on_time": _("on-time handling"),
    "average_time": _("average handling time (working days)"),
    "full_online": _("full-process online dossiers"),
    "online_payment": _("online payment"),
    "petitions_on_time": _("petitions handled on time"),
    "petition_satisfaction": _("satisfaction with petition handling"),
    "dossier_satisfaction": _("satisfaction with dossier handling"),
    "electronic_result": _("electronic results"),
    "digitised": _("digitised components and results"),
    "certified_copies": _("electronic certified copies"),
    "reuse": _("reuse of digitised data"),
    "data_store": _("linked to the national personal data store"),
    "population_db_dossier": _("population database use per dossier"),
    "population_db_procedure": _("population database use per procedure"),
}
COMPONENTS: dict[str, Any] = {
    "finished_on_time": _("finished on time"),
    "finished_early": _("finished early"),
    "in_progress_on_time": _("in progress within time"),
    "procedures_offered": _("procedures offered full-process online"),
    "online_submissions": _("dossiers filed online"),
    "A": _("A: dossiers paid online"),
    "B": _("B: fee procedures with an online payment"),
    "C": _("C: fee procedures paid through the national payment platform"),
    "overdue": _("overdue"),
    "disliked": _("not satisfied"),
}
BANDS: dict[str, Any] = {
    "excellent": _("excellent"),
    "good": _("good"),
    "fair": _("fair"),
    "average": _("average"),
    "weak": _("weak"),
}
STATUSES: dict[str, Any] = {
    "no_data": _("no data"),
    "no_petitions": _("no petitions (full points)"),
    "not_applicable": _("not applicable"),
}
#: (indicator or component key) -> (measure of the numerator, measure of the denominator); "" = not dossiers
MEASURES: dict[str, tuple[str, str]] = {
    "dossiers_synced": ("synced", "received"),
    "on_time": ("handled_on_time", "counted"),
    "finished_on_time": ("finished_on_time", "finished"),
    "finished_early": ("finished_early", "finished"),
    "in_progress_on_time": ("in_progress_on_time", "in_progress"),
    "online_submissions": ("full_online", "full_eligible"),
    "A": ("paid_online", "with_fees"),
    "overdue": ("late", "counted"),
    "disliked": ("not_satisfied", "returned"),
    "electronic_result": ("electronic_result", "decided"),
    "digitised": ("digitised", "received"),
    "reuse": ("reused", "received"),
    "average_time": ("", "finished"),
}
