"""Forms of an order's life: shipping or declining a part, disputes and their resolution, refund amounts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.photos import clean_photo
from marketplace.formfields import MoneyAmountField, SingleLineField

from .models import Dispute

# Refunds are amounts of a payment: 14 digits, 2 of them decimals, as the payments' Refund model stores them.
REFUND_DIGITS = 14


class ShipForm(forms.Form):
    carrier = SingleLineField(label=_("Carrier"), max_length=100)
    tracking_number = SingleLineField(label=_("Tracking number"), max_length=100)


class DeclineForm(forms.Form):
    reason = SingleLineField(label=_("Why are you declining?"), max_length=300, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("What went wrong?"), widget=forms.Textarea(attrs={"rows": 5}))
    photos = forms.Field(
        label=_("Photos (optional, up to 5)"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True, "accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photos(self):
        # Each file goes through the photo checks and is re-encoded without its GPS (catalog.photos), every
        # refusal named; more than five is refused, not cut silently.
        files = self.files.getlist("photos") if self.files else []
        if len(files) > 5:
            raise forms.ValidationError(_("Attach at most 5 photos."))
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_photo(upload))
            except forms.ValidationError as refused:
                errors.append(f"“{upload.name}”: {' '.join(refused.messages)}")
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class AmountForm(forms.Form):
    amount = MoneyAmountField(label=_("Amount"), max_digits=REFUND_DIGITS)
    reason = SingleLineField(label=_("Reason"), max_length=300, required=False)


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=Dispute.Resolution.choices)
    amount = MoneyAmountField(
        label=_("Refund amount (partial refunds only)"), required=False, max_digits=REFUND_DIGITS
    )
    note = SingleLineField(label=_("Note"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("resolution") == Dispute.Resolution.PARTIAL_REFUND and not data.get("amount"):
            self.add_error("amount", _("Enter the amount to refund."))
        return data
