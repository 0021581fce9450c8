"""Forms of the cart and checkout."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import addresses
from marketplace.formfields import CountryField, QuantityField, SingleLineField

NEW_ADDRESS = "new"
_NEW_ADDRESS_FIELDS = ("label", "shipping_name", "shipping_address", "shipping_country")


class AddToCartForm(forms.Form):
    product = forms.SlugField()
    quantity = QuantityField(required=False)
    sample = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("sample") and not data.get("quantity") and "quantity" not in self.errors:
            self.add_error("quantity", _("Enter a quantity."))
        return data


class CartQuantityForm(forms.Form):
    """A new quantity for one line of the cart (`line`: the line's key, see orders.checkout.cart)."""

    line = SingleLineField(max_length=20)
    quantity = QuantityField(label=_("Quantity"))


class CheckoutForm(forms.Form):
    """Where the order goes: one of the buyer's saved addresses (`address`: its id) or a new one ("new"),
    which is saved for next time unless the buyer unticks it. The order copies the address either way."""

    address = SingleLineField(required=False, max_length=20)
    label = SingleLineField(
        label=_("Label (optional)"), max_length=60, required=False, help_text=_("e.g. Warehouse, Office")
    )
    shipping_name = SingleLineField(label=_("Name or company"), max_length=200, required=False)
    shipping_address = forms.CharField(
        label=_("Shipping address"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    shipping_country = CountryField(
        label=_("Country"), required=False, widget=forms.Select(attrs={"autocomplete": "shipping country"})
    )
    save_address = forms.BooleanField(label=_("Save this address for next time"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.saved_addresses = list(addresses.for_user(user))
        default = next((a for a in self.saved_addresses if a.is_default), None)
        self.fields["address"].initial = str(default.pk) if default else NEW_ADDRESS
        self.fields["save_address"].initial = True
        self.chosen = None

    @property
    def choice(self) -> str:
        """The address choice to show checked: what was posted, else the default."""
        return str(self["address"].value() or NEW_ADDRESS)

    def clean(self):
        data = super().clean()
        choice = data.get("address") or NEW_ADDRESS
        if choice != NEW_ADDRESS:
            # Only the buyer's own address: another buyer's id is the same as no address at all.
            self.chosen = addresses.get_for_user(self.user, choice)
            if self.chosen is None:
                self.add_error("address", _("Choose one of your addresses, or add a new one."))
            # The new-address fields are not used: what they hold (even half typed) is no error.
            for name in _NEW_ADDRESS_FIELDS:
                self._errors.pop(name, None)
            return data
        for name, message in [
            ("shipping_name", _("Enter the name or company to ship to.")),
            ("shipping_address", _("Enter the shipping address.")),
            ("shipping_country", _("Choose a country from the list.")),
        ]:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def shipping(self) -> dict:
        """The address the order copies, as checkout() takes it."""
        if self.chosen is not None:
            return {
                "shipping_name": self.chosen.name,
                "shipping_address": self.chosen.address,
                "shipping_country": str(self.chosen.country),
            }
        data = self.cleaned_data
        return {name: data[name] for name in ("shipping_name", "shipping_address", "shipping_country")}

    def address_to_save(self) -> dict | None:
        """The new address as addresses.save_address takes it, when the buyer asked to keep it."""
        if self.chosen is not None or not self.cleaned_data.get("save_address"):
            return None
        data = self.cleaned_data
        return {
            "label": data.get("label", ""),
            "name": data["shipping_name"],
            "address": data["shipping_address"],
            "country": data["shipping_country"],
        }
