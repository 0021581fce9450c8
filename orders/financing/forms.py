"""Forms of an advance: the supplier's request, and the lender's officer's approval, decline, disbursement."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import MoneyAmountField, SingleLineField

from .models import Advance

ADVANCE_DIGITS = 16  # as Advance stores its amounts


class RequestAdvanceForm(forms.Form):
    amount = MoneyAmountField(label=_("Amount you need"), max_digits=ADVANCE_DIGITS)
    consent = forms.BooleanField(label=_("I agree to share this with the lender, as written above."))


class ApproveForm(forms.Form):
    amount = MoneyAmountField(label=_("Amount approved"), max_digits=ADVANCE_DIGITS)
    fee = MoneyAmountField(
        label=_("Fee"),
        max_digits=ADVANCE_DIGITS,
        min_value=0,
        required=False,
        help_text=_("At most the lender's fee percent of the amount; leave empty for exactly that."),
    )


class DeclineForm(forms.Form):
    reason = SingleLineField(label=_("Reason (the supplier reads it)"), max_length=300)


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = SingleLineField(label=_("Transfer reference"), max_length=100)
    rail = forms.ChoiceField(label=_("Paid by"), choices=Advance.Rail.choices)
