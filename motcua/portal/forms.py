"""Input of the portal's pages. Forms only parse; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import ApplicantKind
from motcua.catalog import money


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search procedures"), required=False, max_length=200)
    field = forms.CharField(label=_("Field"), required=False, max_length=30)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I register as"),
        choices=[(ApplicantKind.CITIZEN, _("A citizen")), (ApplicantKind.ORGANISATION, _("An organisation"))],
        widget=forms.RadioSelect,
        initial=ApplicantKind.CITIZEN,
    )
    id_number = forms.CharField(
        label=_("Personal identification number or tax code"),
        max_length=20,
        help_text=_("12 digits on the citizen ID card, or the organisation's tax code. It is your user name."),
    )
    name = forms.CharField(label=_("Full name or organisation name"), max_length=255)
    date_of_birth = forms.DateField(label=_("Date of birth (citizens)"), required=False)
    email = forms.EmailField(label=_("E-mail"), help_text=_("We send the activation link here."))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, max_length=128)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Dossier code"),
        max_length=30,
        help_text=_(
            "As on the receipt, e.g. 000.00.01.H26-260210-0001, or the reference HS… given when you filed online"
        ),
    )
    factor = forms.RegexField(
        label=_("Check digits"),
        regex=r"^\d{4}$",
        max_length=4,
        help_text=_("The last 4 digits of the applicant's phone or ID number."),
        error_messages={"invalid": _("Enter 4 digits.")},
    )


class StartFilingForm(forms.Form):
    """Step 1 of online submission: where to file, the fee row when a fee depends on it, the request."""

    place = forms.ChoiceField(label=_("Agency that handles it"))
    note = forms.CharField(label=_("Your request (optional)"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(
        self, *args: Any, places: list[tuple[str, str]], fee_tables: list[Any], preselect: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        if len(places) == 1:
            field.initial = places[0][0]
        elif preselect:
            field.initial = preselect
        # several places and none known to be the applicant's: nothing is chosen for them
        field.choices = places if field.initial else [("", str(_("— choose the agency —"))), *places]
        for fee in fee_tables:
            choices = [(r.get("label", ""), money.fee_row_label(r)) for r in fee.rows]
            self.fields[f"fee_{fee.pk}"] = forms.ChoiceField(label=fee.name, choices=choices)


class ComponentUploadForm(forms.Form):
    """Step 2: one component at a time — a file, or a document reused from the e-data store."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"), required=False)
    reuse_file_id = forms.IntegerField(label=_("Or reuse an earlier document"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("reuse_file_id"):
            raise forms.ValidationError(_("Choose a file or a document to reuse."))
        return data


class VersionForm(forms.Form):
    """Any action that only needs the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)
