"""Forms of the back office that belong to no one domain's pages (the others are beside their services:
orders/forms.py, orders/ledger/forms.py). Operator-only: their strings need no Urdu."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.formfields import MoneyAmountField, SingleLineField

LEDGER_DIGITS = 16  # as LedgerEntry stores its amounts


class PayLenderForm(forms.Form):
    """An operator's record of the platform's bank transfer to a lender of what it owes in one currency (the
    page has one per currency, prefixed by it). The amount is not typed: it is the balance the page showed,
    sent back so that a balance changed meanwhile is refused rather than recorded as paid."""

    amount = MoneyAmountField(max_digits=LEDGER_DIGITS, widget=forms.HiddenInput)
    reference = SingleLineField(
        label=_("Bank transfer reference"),
        max_length=100,
        help_text=_("As the bank's confirmation shows it; the same reference again changes nothing."),
    )
    confirm = forms.BooleanField(label=_("I confirm the platform transferred this amount to the lender."))
