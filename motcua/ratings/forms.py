"""The rating questionnaire (NĐ 61/2018 art. 31, TT 01/2018 art. 13) and the desk's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.ratings.models import Attitude, BodiesContacted, CameBack, Kiosk
from motcua.ratings.services import COMMENT_MAX, Answers

SATISFIED = (("yes", _("Satisfied")), ("no", _("Not satisfied")))


class RatingForm(forms.Form):
    satisfied = forms.ChoiceField(label=_("Are you satisfied with how your dossier was handled?"), choices=SATISFIED,
                                  widget=forms.RadioSelect)  # fmt: skip
    came_back = forms.ChoiceField(
        label=_("How many times did you have to come back to complete the dossier?"),
        choices=[("", _("No answer")), *CameBack.choices], required=False, widget=forms.RadioSelect,
    )  # fmt: skip
    bodies_contacted = forms.ChoiceField(
        label=_("Which bodies did you have to contact?"),
        choices=[("", _("No answer")), *BodiesContacted.choices], required=False, widget=forms.RadioSelect,
    )  # fmt: skip
    attitude = forms.ChoiceField(
        label=_("How were the officials' attitude and conduct?"),
        choices=[("", _("No answer")), *Attitude.choices], required=False, widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=COMMENT_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def answers(self) -> Answers:
        data = self.cleaned_data
        return {
            "satisfied": data["satisfied"] == "yes",
            "came_back": data.get("came_back") or "",
            "bodies_contacted": data.get("bodies_contacted") or "",
            "attitude": data.get("attitude") or "",
            "comment": data.get("comment") or "",
        }


class PaperRatingForm(RatingForm):
    """An officer copies a paper rating form: the dossier code first."""

    code = forms.CharField(label=_("Dossier code"), max_length=30)
    field_order = ["code", "satisfied", "came_back", "bodies_contacted", "attitude", "comment"]


class PairingForm(forms.Form):
    code = forms.CharField(label=_("Pairing code"), min_length=8, max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))  # fmt: skip


class PresentForm(forms.Form):
    kiosk = forms.ModelChoiceField(label=_("Tablet"), queryset=Kiosk.objects.none())
    code = forms.CharField(label=_("Dossier code"), max_length=30)

    def __init__(self, *args: object, kiosks: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kiosk"].queryset = kiosks  # type: ignore[attr-defined]
