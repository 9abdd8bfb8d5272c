"""The report request form: an agency of the user's reporting scope, the period, optionally a field, the format."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Field
from motcua.core import clock
from motcua.orgs.models import Agency
from motcua.reports.models import ReportFormat


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        depth = max(0, obj.path.count("/") - 2)
        return "— " * depth + f"{obj.name} ({obj.code})"


class ReportRequestForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency (with the agencies under it)"), queryset=Agency.objects.none())
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.order_by("name"), required=False, empty_label=_("All fields")
    )
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.XLSX)

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        today = clock.now().astimezone(clock.VN_TZ).date()
        kwargs.setdefault("initial", {"date_from": today.replace(month=1, day=1), "date_to": today})
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])
        # in the order given (the tree, and the official order among siblings), not the database's
        field.choices = [("", field.empty_label), *((a.pk, field.label_from_instance(a)) for a in agencies)]
        field.widget.attrs["data-searchable"] = _("Type to filter the agencies")
        if agencies:
            field.initial = agencies[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("date_to", _("Not before “from”."))
        return data
