"""The address step's form: one of the buyer's saved addresses, or a new one (saved for later if asked)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import addresses
from marketplace.formfields import CountryField, SingleLineField

NEW = "new"


class OrderAddressForm(forms.Form):
    saved_address = forms.ChoiceField(label=_("Ship to"), widget=forms.RadioSelect, required=False)
    shipping_name = SingleLineField(label=_("Name or company"), max_length=200, required=False)
    shipping_address = forms.CharField(
        label=_("Shipping address"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    shipping_country = CountryField(
        label=_("Country"), required=False, widget=forms.Select(attrs={"autocomplete": "shipping country"})
    )
    save_for_later = forms.BooleanField(label=_("Save this address for later orders"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.saved = list(addresses.for_user(user))
        choices = [(str(a.pk), f"{a.label or a.name}: {a.address}, {a.country.name}") for a in self.saved]
        self.fields["saved_address"].choices = [*choices, (NEW, _("A new address"))]
        self.fields["saved_address"].initial = str(self.saved[0].pk) if self.saved else NEW
        if not self.saved:
            # Nothing to choose from: the new address's fields are the whole form.
            self.fields["saved_address"].widget = forms.HiddenInput()

    @property
    def saves_a_new_address(self):
        data = self.cleaned_data
        return data.get("saved_address", NEW) in ("", NEW) and data.get("save_for_later", False)

    def clean(self):
        data = super().clean()
        choice = data.get("saved_address") or NEW
        if choice != NEW:
            saved = addresses.get_for_user(self.user, choice)
            if saved is None:
                raise ValidationError(_("Choose one of your addresses."))
            data["address"] = {"name": saved.name, "address": saved.address, "country": str(saved.country)}
            return data
        for name in ("shipping_name", "shipping_address", "shipping_country"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required for a new address."))
        if not self.errors:
            data["address"] = {
                "name": data["shipping_name"],
                "address": data["shipping_address"].strip(),
                "country": data["shipping_country"],
            }
        return data
