"""Forms of the trade pages. Attachments are checked here so a bad file is a form error, never a 500."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import CertificationType, Cluster
from marketplace.formfields import (
    CountField,
    CountryField,
    LeadTimeField,
    MoneyAmountField,
    QuantityField,
    RowsChoiceField,
    SingleLineField,
)
from marketplace.money import CURRENCY_CHOICES, Money

from .attachments import MAX_FILES, check_attachment
from .models import RFQ, CapacityOffer, Quote, SubcontractRequest
from .models.rfq import read_price_break


def refuse_past_date(value):
    """A date a buyer needs goods by cannot already be over: said plainly, whatever else the form checks."""
    if value is not None and value < timezone.localdate():
        raise ValidationError(_("The date must be today or later."), code="date_past")
    return value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments (images or PDF)"))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(check_attachment(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class InquiryForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    quantity = QuantityField(label=_("Quantity of interest"), required=False)
    destination_country = CountryField(label=_("Destination country"), required=False)
    attachments = AttachmentsField()

    # What survives a detour through sign-up (files cannot be kept in the session).
    DRAFT_FIELDS = ("body", "quantity", "destination_country")


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    attachments = AttachmentsField()


class RFQForm(forms.ModelForm):
    attachments = AttachmentsField()
    destination_country = CountryField(label=_("Destination country"))

    class Meta:
        model = RFQ
        fields = [
            "title", "description", "category", "cluster", "quantity", "unit", "target_unit_price",
            "currency", "destination_country", "incoterm", "needed_by", "deadline",
        ]  # fmt: skip
        widgets = {
            "needed_by": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        field_classes = {
            "title": SingleLineField,
            "quantity": QuantityField,
            "target_unit_price": MoneyAmountField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.all()
        self.fields["cluster"].required = False

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise ValidationError(_("The quote deadline must be in the future."))
        return deadline

    def clean_needed_by(self):
        return refuse_past_date(self.cleaned_data["needed_by"])

    def clean(self):
        data = super().clean()
        deadline, needed_by = data.get("deadline"), data.get("needed_by")
        if deadline and needed_by and needed_by < deadline.date():
            self.add_error("needed_by", _("The goods cannot be needed before the quote deadline."))
        return data


class QuoteForm(forms.ModelForm):
    tiers_text = forms.CharField(
        label=_("Quantity breaks (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: quantity and unit price, e.g. “1000 9.50”."),
    )

    class Meta:
        model = Quote
        fields = [
            "unit_price", "currency", "incoterm", "incoterm_place", "lead_time_days", "valid_until",
            "sample_offer", "notes",
        ]  # fmt: skip
        widgets = {
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "unit_price": MoneyAmountField,
            "incoterm_place": SingleLineField,
            "lead_time_days": LeadTimeField,
            "sample_offer": SingleLineField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.tiers:
            self.initial["tiers_text"] = "\n".join(f"{qty} {price}" for qty, price in self.instance.tiers)

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value < timezone.localdate():
            raise ValidationError(_("A quote must be valid at least until today."))
        return value

    def clean_tiers_text(self):
        """Each line "quantity price" (a quantity the marketplace can order, a price a quote can hold), one
        error per bad line naming it; stored as [["1000", "9.50"], ...] strings, so no float ever enters."""
        tiers, errors = [], []
        for line in (self.cleaned_data.get("tiers_text") or "").splitlines():
            if not line.strip():
                continue
            try:
                quantity, price = read_price_break(line.split())
            except ValidationError as error:
                errors.append(
                    _("“%(line)s”: %(problem)s")
                    % {"line": line.strip()[:40], "problem": " ".join(error.messages)}
                )
                continue
            tiers.append([str(quantity), str(price)])
        if errors:
            raise ValidationError(errors)
        return sorted(tiers, key=lambda t: int(t[0]))

    def terms(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["tiers"] = self.cleaned_data["tiers_text"]
        return data


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Question or answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class SubcontractRequestForm(forms.ModelForm):
    certifications_required = RowsChoiceField(
        queryset=CertificationType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Certifications needed"),
    )
    on_behalf_of = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Ask as"), empty_label=_("Myself, as a buyer")
    )

    class Meta:
        model = SubcontractRequest
        fields = ["specification", "quantity", "unit", "target_unit_price", "currency", "deadline",
                  "incoterm", "incoterm_place", "quality_requirements"]  # fmt: skip
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
        field_classes = {
            "quantity": QuantityField,
            "target_unit_price": MoneyAmountField,
            "incoterm_place": SingleLineField,
        }

    def __init__(self, *args, suppliers=None, **kwargs):
        super().__init__(*args, **kwargs)
        from catalog.models import Supplier

        self.fields["on_behalf_of"].queryset = suppliers if suppliers is not None else Supplier.objects.none()
        if suppliers is None or not suppliers.exists():
            del self.fields["on_behalf_of"]

    def clean_deadline(self):
        # Stricter than refuse_past_date (the service refuses today too: nothing is made by the end of the day
        # it is asked for), so its own message, which a past date reads as plainly.
        value = self.cleaned_data["deadline"]
        if value <= timezone.localdate():
            raise ValidationError(_("The deadline must be in the future."))
        return value


class OfferForm(forms.ModelForm):
    class Meta:
        model = CapacityOffer
        fields = ["quantity", "unit_price", "lead_time_days", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        field_classes = {
            "quantity": QuantityField,
            "unit_price": MoneyAmountField,
            "lead_time_days": LeadTimeField,
        }


class SeenQuoteForm(forms.Form):
    """The accept button's hidden fields: the quote's revision and total as the comparison page showed."""

    revision = CountField(min_value=1)
    total = MoneyAmountField(max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(choices=CURRENCY_CHOICES)

    def seen(self):
        return self.cleaned_data["revision"], Money(self.cleaned_data["total"], self.cleaned_data["currency"])
