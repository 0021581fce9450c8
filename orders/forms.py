"""Forms of an order's life: shipping or declining a part, disputes and their resolution, refund amounts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import hs_code_validator
from catalog.photos import clean_photo
from marketplace.formfields import CountField, MoneyAmountField, SingleLineField

from .lifecycle import ShippingDetails, lines_without_hs_code
from .models import Dispute, Fulfilment
from .models.order import MAX_PACKAGES, MAX_WEIGHT_KG, SMALLEST_WEIGHT_KG, WEIGHT_DECIMALS, WEIGHT_DIGITS

# Refunds are amounts of a payment: 14 digits, 2 of them decimals, as the payments' Refund model stores them.
REFUND_DIGITS = 14


class WeightField(forms.DecimalField):
    """A weight in kg as a scale shows it: above zero, to the gram, below MAX_WEIGHT_KG."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=WEIGHT_DIGITS,
            decimal_places=WEIGHT_DECIMALS,
            min_value=SMALLEST_WEIGHT_KG,
            max_value=MAX_WEIGHT_KG,
            **kwargs,
        )


class ShipForm(forms.Form):
    """Marking a part shipped: the carrier and tracking number, and what the packing list declares (packages,
    weights, an HS code for each line that has none from its product)."""

    carrier = SingleLineField(label=_("Carrier"), max_length=100)
    tracking_number = SingleLineField(label=_("Tracking number"), max_length=100)
    package_count = CountField(label=_("Number of packages"), min_value=1, max_value=MAX_PACKAGES)
    package_type = forms.ChoiceField(label=_("Package type"), choices=Fulfilment.PackageType.choices)
    gross_weight_kg = WeightField(
        label=_("Gross weight (kg)"), help_text=_("Goods and packaging, all packages together.")
    )
    net_weight_kg = WeightField(label=_("Net weight (kg)"), help_text=_("The goods alone."))
    dimensions = SingleLineField(
        label=_("Dimensions (optional)"),
        max_length=100,
        required=False,
        help_text=_("e.g. 60 × 40 × 40 cm per carton"),
    )
    shipping_marks = SingleLineField(
        label=_("Shipping marks (optional)"),
        max_length=300,
        required=False,
        help_text=_("What is written on the packages, e.g. the buyer's name and carton numbers."),
    )

    def __init__(self, *args, fulfilment=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Lines of a quote or an allocation have no catalog product, hence no HS code: customs needs one.
        self.hs_code_lines = lines_without_hs_code(fulfilment) if fulfilment is not None else []
        for line in self.hs_code_lines:
            self.fields[f"hs_code_{line.pk}"] = SingleLineField(
                label=_("HS code of “%(item)s”") % {"item": line.description},
                max_length=10,
                validators=[hs_code_validator],
                help_text=_("4, 6, 8 or 10 digits, e.g. 630493 for embroidered cushion covers."),
            )

    def hs_code_fields(self):
        return [self[f"hs_code_{line.pk}"] for line in self.hs_code_lines]

    def clean(self):
        data = super().clean()
        gross, net = data.get("gross_weight_kg"), data.get("net_weight_kg")
        if gross is not None and net is not None and net > gross:
            self.add_error("net_weight_kg", _("The net weight cannot be more than the gross weight."))
        return data

    def tracking(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("carrier", "tracking_number")}

    def details(self) -> ShippingDetails:
        data = self.cleaned_data
        return ShippingDetails(
            package_count=data["package_count"],
            package_type=data["package_type"],
            gross_weight_kg=data["gross_weight_kg"],
            net_weight_kg=data["net_weight_kg"],
            dimensions=data["dimensions"],
            shipping_marks=data["shipping_marks"],
            hs_codes={line.pk: data[f"hs_code_{line.pk}"] for line in self.hs_code_lines},
        )


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
