"""The form of a saved shipping address (its add and edit pages; checkout has its own, orders.checkout)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import CountryField, SingleLineField


class SavedAddressForm(forms.Form):
    label = SingleLineField(
        label=_("Label (optional)"), max_length=60, required=False, help_text=_("e.g. Warehouse, Office")
    )
    name = SingleLineField(label=_("Name or company"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    country = CountryField(
        label=_("Country"), widget=forms.Select(attrs={"autocomplete": "shipping country"})
    )
    is_default = forms.BooleanField(label=_("Use this address by default"), required=False)

    @classmethod
    def of(cls, address, data=None):
        """The form filled with a saved address, for its edit page."""
        initial = {
            "label": address.label,
            "name": address.name,
            "address": address.address,
            "country": str(address.country),
            "is_default": address.is_default,
        }
        return cls(data, initial=initial)
