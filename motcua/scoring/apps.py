from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "motcua.scoring"
    label = "scoring"
    verbose_name = _("Evaluation of units and officials (TT 01/2018)")
