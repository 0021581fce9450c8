from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category

from .models import CategoryCommission, Dispute, PayoutAccount


class AddToCartForm(forms.Form):
    product = forms.SlugField()
    quantity = forms.IntegerField(min_value=1, required=False)
    sample = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("sample") and not data.get("quantity"):
            self.add_error("quantity", _("Enter a quantity."))
        return data


class CheckoutForm(forms.Form):
    shipping_name = forms.CharField(label=_("Name or company"), max_length=200)
    shipping_address = forms.CharField(label=_("Shipping address"), widget=forms.Textarea(attrs={"rows": 4}))
    shipping_country = forms.RegexField(
        label=_("Country code"),
        regex=r"^[A-Za-z]{2}$",
        help_text=_("Two letters, e.g. DE, GB, US."),
        error_messages={"invalid": _("Enter a two-letter country code such as DE.")},
    )

    def clean_shipping_country(self):
        return self.cleaned_data["shipping_country"].upper()


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=100)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=100)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why are you declining?"), max_length=300, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("What went wrong?"), widget=forms.Textarea(attrs={"rows": 5}))
    photos = forms.Field(
        label=_("Photos (optional, up to 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True}),
    )

    def clean_photos(self):
        # Each file is checked as an image (Pillow opens it); more than five is refused, not cut silently.
        files = self.files.getlist("photos") if self.files else []
        if len(files) > 5:
            raise forms.ValidationError(_("Attach at most 5 photos."))
        field = forms.ImageField()
        return [field.clean(f) for f in files]


class AmountForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount"), min_value=Decimal("0.01"), decimal_places=2, max_digits=14)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=Dispute.Resolution.choices)
    amount = forms.DecimalField(
        label=_("Refund amount (partial refunds only)"),
        required=False,
        min_value=Decimal("0.01"),
        decimal_places=2,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("resolution") == Dispute.Resolution.PARTIAL_REFUND and not data.get("amount"):
            self.add_error("amount", _("Enter the amount to refund."))
        return data


class PayoutAccountForm(forms.ModelForm):
    class Meta:
        model = PayoutAccount
        fields = ["rail", "account_name", "iban", "mobile_number"]

    def clean(self):
        data = super().clean()
        rail = data.get("rail")
        if rail == "bank" and not data.get("iban"):
            self.add_error("iban", _("A bank transfer needs an IBAN."))
        if rail in ("jazzcash", "easypaisa") and not data.get("mobile_number"):
            self.add_error("mobile_number", _("A mobile wallet needs its mobile number."))
        return data

    def clean_iban(self):
        return self.cleaned_data["iban"].replace(" ", "").upper()


class SettlementUploadForm(forms.Form):
    file = forms.FileField(label=_("Settlement file (CSV with reference,status)"))


class PayoutBatchForm(forms.Form):
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[(c, c) for c in ("USD", "EUR", "GBP", "AED", "PKR")]
    )


class CategoryCommissionForm(forms.ModelForm):
    """One rate per category, 0 to 100 percent with at most two decimals (5 or 7.25)."""

    percent = forms.DecimalField(
        label=_("Commission (percent)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        help_text=_("From 0 to 100, e.g. 7.5. Applies to the category and its subcategories."),
        error_messages={
            "min_value": _("Enter a percentage from 0 to 100."),
            "max_value": _("Enter a percentage from 0 to 100."),
            "invalid": _("Enter a number such as 7.5."),
            "max_decimal_places": _("Use at most two decimals, e.g. 7.25."),
            "max_digits": _("Enter a percentage from 0 to 100."),
        },
    )

    class Meta:
        model = CategoryCommission
        fields = ["category", "percent"]
        labels = {"category": _("Category")}
        error_messages = {
            "category": {"unique": _("This category already has a rate; change that one instead.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.select_related("parent__parent").order_by("path")
