"""The API tokens page's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import CountField, SingleLineField

from .models import ApiToken


class TokenForm(forms.Form):
    name = SingleLineField(label=_("Name"), max_length=100, help_text=_("What will use it, e.g. “ERP sync”."))
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )


class RevokeForm(forms.Form):
    token = CountField(min_value=1, widget=forms.HiddenInput)
