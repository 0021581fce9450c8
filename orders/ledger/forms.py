"""Forms of payout details, payout batches and settlement files, and commission rates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category
from marketplace.formfields import PercentField, SingleLineField

from .models import CategoryCommission, PayoutAccount


class PayoutAccountForm(forms.ModelForm):
    class Meta:
        model = PayoutAccount
        fields = ["rail", "account_name", "iban", "mobile_number"]
        field_classes = dict.fromkeys(("account_name", "iban", "mobile_number"), SingleLineField)

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

    percent = PercentField(
        label=_("Commission (percent)"),
        help_text=_("From 0 to 100, e.g. 7.5. Applies to the category and its subcategories."),
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
