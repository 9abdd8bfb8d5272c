"""Forms of the back office: one per dossier action (each posts the version the user saw), the queue filters and
the counter intake. Forms parse; the services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog import money
from motcua.core import clock
from motcua.dossiers.actions import REGISTRY
from motcua.dossiers.models import Channel, Outcome, PauseReason, PaymentMethod, ReturnMethod
from motcua.dossiers.services.intake import NOTE_MAX_LENGTH

#: The longest free text (reason, note, content) an action takes: the API's limit too.
TEXT_MAX_LENGTH = 4000

NOTE_KINDS = [
    ("appraisal", _("Appraisal")),
    ("verification", _("Verification")),
    ("site_visit", _("Site visit")),
    ("other", _("Other")),
]


class ActionForm(forms.Form):
    """Base: the dossier version seen; ``data()`` gives what ``run_action`` takes."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    #: service field name → form field name, for errors placed next to the field
    aliases: dict[str, str] = {}

    def __init__(self, *args: Any, dossier: Any = None, choices: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        for name, options in (choices or {}).items():
            if name in self.fields:
                field = self.fields[name]
                assert isinstance(field, forms.ChoiceField)  # noqa: S101
                field.choices = options

    def data_for_action(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ReceiveForm(ActionForm):
    pass


class RequestSupplementForm(ActionForm):
    """Form 02: everything to complete, listed at once."""

    other = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Other items (one per line: item: what to fix)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Note to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    aliases = {"items": "other"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        components = list(self.dossier.procedure_version.components.all()) if self.dossier else []
        self.components = components
        for c in components:
            self.fields[f"item_{c.pk}"] = forms.BooleanField(label=c.name, required=False)
            self.fields[f"reason_{c.pk}"] = forms.CharField(label=_("What to fix"), required=False, max_length=1000)
        self.rows = [(c, self[f"item_{c.pk}"], self[f"reason_{c.pk}"]) for c in components]

    def data_for_action(self) -> dict[str, Any]:
        items = [
            {"name": c.name, "reason": self.cleaned_data.get(f"reason_{c.pk}", ""), "component_id": c.pk}
            for c in self.components
            if self.cleaned_data.get(f"item_{c.pk}")
        ]
        for line in (self.cleaned_data.get("other") or "").splitlines():
            if line.strip():
                name, _sep, reason = line.partition(":")
                items.append({"name": name.strip(), "reason": reason.strip()})
        return {"version": self.cleaned_data["version"], "items": items, "note": self.cleaned_data.get("note", "")}


class ReasonForm(ActionForm):
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TransferForm(ActionForm):
    to_user = forms.ChoiceField(label=_("Hand to (optional)"), required=False)


class AssignForm(ActionForm):
    step_id = forms.ChoiceField(label=_("Step"))
    assignee = forms.ChoiceField(label=_("Handler"))


class NoteForm(ActionForm):
    step_id = forms.ChoiceField(label=_("Step"))
    kind = forms.ChoiceField(label=_("Kind"), choices=NOTE_KINDS)
    content = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=255)
    participants = forms.CharField(label=_("Participants"), required=False, max_length=1000)


class HandoverForm(ActionForm):
    step_id = forms.ChoiceField(label=_("Step"))
    to_user = forms.ChoiceField(label=_("Hand to (optional)"), required=False)
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsultForm(ActionForm):
    agency = forms.ChoiceField(label=_("Agency consulted"))
    hours = forms.IntegerField(label=_("Answer within (working hours)"), min_value=1, max_value=480, initial=16)
    content = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PauseForm(ActionForm):
    pause_reason = forms.ChoiceField(label=_("Why"), choices=PauseReason.choices)
    items = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("What the applicant must provide (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aliases = {"reason": "pause_reason"}

    def data_for_action(self) -> dict[str, Any]:
        data = super().data_for_action()
        data["items"] = [{"name": line.strip()} for line in (data.get("items") or "").splitlines() if line.strip()]
        return data


class NoteOnlyForm(ActionForm):
    note = forms.CharField(
        max_length=TEXT_MAX_LENGTH, label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Reason (required for a refusal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttachResultForm(ActionForm):
    title = forms.CharField(label=_("Result document"), max_length=255)
    file = forms.FileField(label=_("Signed, digitised result (PDF, JPEG or PNG)"))


class ReturnForm(ActionForm):
    method = forms.ChoiceField(label=_("Returned"), choices=ReturnMethod.choices)
    note = forms.CharField(max_length=TEXT_MAX_LENGTH, label=_("Note"), required=False)


class ApologiseForm(ActionForm):
    """Form 04: the reason (stated to the applicant) and a new appointment, a working moment after now and after
    the current appointment; the service checks both."""

    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Reason for the delay"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for the delay: Form 04 states it to the applicant.")},
    )
    new_appointment = forms.DateTimeField(
        label=_("New appointment"),
        help_text=_("A working day, within office hours, after now and after the current appointment."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        error_messages={"required": _("Choose the new appointment (date and time).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser's picker starts after now (the service is the judge; this only helps).
        self.fields["new_appointment"].widget.attrs["min"] = (
            clock.now().astimezone(clock.VN_TZ).strftime("%Y-%m-%dT%H:%M")
        )

    def data_for_action(self) -> dict[str, Any]:
        data = super().data_for_action()
        moment = data["new_appointment"]
        if isinstance(moment, dt.datetime):
            data["new_appointment"] = (
                moment.replace(tzinfo=clock.VN_TZ) if moment.tzinfo is None else moment.astimezone(clock.VN_TZ)
            )
        return data


class PaymentForm(ActionForm):
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=60, required=False)
    gateway = forms.TypedChoiceField(
        label=_("Online gateway"),
        choices=[("", "—"), (1, _("National payment platform")), (2, _("Local gateway"))],
        coerce=int,
        required=False,
        empty_value=None,
    )


class ExemptionForm(ActionForm):
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("Ground for the exemption (legal basis or decision)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("State the ground for the exemption (the legal basis or the decision).")},
    )


def action_form(verb: str) -> type[ActionForm]:
    """The form class the registry names for ``verb`` (a class of this module)."""
    form = globals()[REGISTRY[verb].form]
    assert isinstance(form, type) and issubclass(form, ActionForm)  # noqa: S101, PT018
    return form


class QueueFilterForm(forms.Form):
    procedure = forms.CharField(label=_("Procedure code"), required=False, max_length=40)
    field = forms.ChoiceField(label=_("Field"), required=False)
    channel = forms.TypedChoiceField(
        label=_("Channel"), choices=[("", _("All")), *Channel.choices], coerce=int, required=False, empty_value=None
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, fields: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["field"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [("", _("All")), *(fields or [])]


class IntakeForm(forms.Form):
    """Counter intake in one pass."""

    procedure = forms.CharField(widget=forms.HiddenInput)
    place = forms.ChoiceField(label=_("Handling agency"))
    channel = forms.TypedChoiceField(
        label=_("Channel"),
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.POSTAL, Channel.POSTAL.label)],
        coerce=int,
        initial=Channel.COUNTER,
    )
    postal_tracking_no = forms.CharField(label=_("Postal tracking number"), required=False, max_length=40)
    kind = forms.ChoiceField(
        label=_("Applicant"),
        choices=[("citizen", _("Citizen (ID number)")), ("organisation", _("Organisation (tax code)"))],
    )
    id_number = forms.CharField(label=_("ID number or tax code"), max_length=20)
    name = forms.CharField(label=_("Full name / organisation"), max_length=255, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    sets = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=99, initial=1)
    note = forms.CharField(
        max_length=NOTE_MAX_LENGTH, label=_("Request"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aliases = {
        "handling_agency": "place",
        "receiving_agency": "place",
        "applicant": "id_number",
        "id_type": "id_number",
    }

    def __init__(
        self,
        *args: Any,
        places: list[tuple[str, str]],
        components: list[Any],
        fee_tables: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        place = self.fields["place"]
        assert isinstance(place, forms.ChoiceField)  # noqa: S101
        place.choices = places
        self.components = components
        self.fee_tables = fee_tables
        for c in components:
            self.fields[f"component_{c.pk}"] = forms.BooleanField(label=c.name, required=False)
            self.fields[f"scan_{c.pk}"] = forms.FileField(label=_("Scan"), required=False)
        for fee in fee_tables:
            choices = [(r.get("label", ""), money.fee_row_label(r)) for r in fee.rows]
            self.fields[f"fee_{fee.pk}"] = forms.ChoiceField(label=fee.name, choices=choices)
