"""Forms of an order's life: shipping or declining a part, disputes and their resolution, refund amounts."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dispute


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
