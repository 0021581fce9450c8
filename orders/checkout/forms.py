"""Forms of the cart and checkout."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import CountryField, QuantityField, SingleLineField


class AddToCartForm(forms.Form):
    product = forms.SlugField()
    quantity = QuantityField(required=False)
    sample = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("sample") and not data.get("quantity") and "quantity" not in self.errors:
            self.add_error("quantity", _("Enter a quantity."))
        return data


class CheckoutForm(forms.Form):
    shipping_name = SingleLineField(label=_("Name or company"), max_length=200)
    shipping_address = forms.CharField(label=_("Shipping address"), widget=forms.Textarea(attrs={"rows": 4}))
    shipping_country = CountryField(
        label=_("Country"), widget=forms.Select(attrs={"autocomplete": "shipping country"})
    )
