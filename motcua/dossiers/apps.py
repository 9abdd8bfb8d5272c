from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from motcua.dossiers.calendar_hook import OpenDossierDeadlines
        from motcua.workcalendar.services import register_deadline_provider

        register_deadline_provider("dossiers.open", OpenDossierDeadlines())
