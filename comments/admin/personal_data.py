"""The form of the personal-data page on the moderation queue: export or erase everything
stored for one email address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..personal_data import EraseMode


class PersonalDataForm(forms.Form):
    EXPORT, ERASE = "export", "erase"

    email = forms.EmailField(label=_("Email address"), max_length=254)
    task = forms.ChoiceField(
        label=_("Request"),
        choices=[(EXPORT, _("Export everything stored (JSON)")), (ERASE, _("Erase"))],
        widget=forms.RadioSelect,
        initial=EXPORT,
    )
    mode = forms.ChoiceField(
        label=_("When erasing"),
        choices=EraseMode.choices,
        widget=forms.RadioSelect,
        initial=EraseMode.ANONYMISE,
        required=False,
    )
    confirm = forms.BooleanField(label=_("Yes, erase: this cannot be undone"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("task") == self.ERASE:
            if not cleaned.get("mode"):
                self.add_error("mode", _("Choose whether to keep the comments or delete them."))
            if not cleaned.get("confirm"):
                self.add_error("confirm", _("Tick this box to confirm the erasure."))
        return cleaned
