from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dashboard.models import TargetKey


class TargetForm(forms.Form):
    key = forms.ChoiceField(label=_("target"), choices=TargetKey.choices, widget=forms.HiddenInput)
    threshold = forms.CharField(
        label=_("threshold (%)"), max_length=10, help_text=_("At least this share, in percent (0–100).")
    )
    valid_from = forms.DateField(
        label=_("valid from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("note"), max_length=255, required=False)
