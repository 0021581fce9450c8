from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Material, Product, Supplier, normalize_hs_code, validate_tiers
from catalog.photos import validate_photo
from catalog.reference import Incoterm
from marketplace.formfields import (
    CountField,
    LeadTimeField,
    MoneyAmountField,
    QuantityField,
    RowsChoiceField,
    SingleLineField,
)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = []
        for upload in files:
            cleaned_file = super().clean(upload, initial)
            try:
                validate_photo(cleaned_file)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"{upload.name}: {' '.join(exc.messages)}") from exc
            cleaned.append(cleaned_file)
        return cleaned


class HSCodeField(SingleLineField):
    """An HS code as people write it ("6304.92 00", "6304 92"), cleaned to its digits. Room for the dots and
    spaces: a 10-character limit in the browser would cut "6304.92 00 10" before the digits are counted."""

    def __init__(self, **kwargs):
        kwargs["max_length"] = 20
        kwargs.setdefault("help_text", _("4, 6, 8 or 10 digits; dots and spaces are fine, e.g. 6304.92 00."))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_hs_code(super().to_python(value))


class ProductForm(forms.ModelForm):
    incoterms = forms.MultipleChoiceField(
        label=_("Incoterms offered"),
        choices=Incoterm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    materials = RowsChoiceField(
        label=_("Materials"),
        queryset=Material.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    photos = MultiplePhotoField(
        label=_("Add photos"), required=False, help_text=_("JPEG, PNG or WebP. Location data is removed.")
    )
    # A free sample is allowed: zero and up.
    sample_price = MoneyAmountField(label=_("Sample price"), min_value=0, required=False)

    class Meta:
        model = Product
        fields = [
            "supplier",
            "title",
            "sku",
            "description",
            "category",
            "materials",
            "origin_region",
            "hs_code",
            "moq",
            "unit",
            "lead_time_days",
            "monthly_capacity",
            "stock_on_hand",
            "sample_available",
            "sample_price",
            "incoterms",
            "customisation",
            "status",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        field_classes = {
            "title": SingleLineField, "sku": SingleLineField, "hs_code": HSCodeField,
            "customisation": SingleLineField,
            "moq": QuantityField, "lead_time_days": LeadTimeField, "monthly_capacity": CountField,
            "stock_on_hand": CountField,
        }  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        suppliers = Supplier.objects.for_member(user)
        self.fields["supplier"].queryset = suppliers
        self.fields["supplier"].empty_label = None
        if self.instance.pk:
            # A listing never moves to another supplier.
            del self.fields["supplier"]
            self.currency = self.instance.supplier.currency
        else:
            self.currency = self._one_currency(suppliers)
        if self.currency:
            # In the label, so a screen reader says it too; the form also shows it beside the field.
            self.fields["sample_price"].label = _("Sample price (%(currency)s)") % {"currency": self.currency}
        self.fields["status"].help_text = _("Drafts are only visible to you.")
        self.fields["sku"].help_text = _(
            "Your own code for this product (optional). Bulk imports and exports find the product by it."
        )

    def _one_currency(self, suppliers):
        """The currency the artisan types prices in on a new listing: the suppliers' one currency. A member
        of suppliers with different currencies picks the supplier, whose choice then says its currency; the
        form shows that currency once a supplier has been sent (after an error)."""
        currencies = {supplier.pk: supplier.currency for supplier in suppliers}
        if len(set(currencies.values())) == 1:
            return next(iter(currencies.values()))
        self.fields["supplier"].label_from_instance = lambda supplier: (
            _("%(name)s (prices in %(currency)s)") % {"name": supplier.name, "currency": supplier.currency}
        )
        chosen = self.data.get(self.add_prefix("supplier")) if self.is_bound else None
        try:
            return currencies.get(int(chosen)) if chosen else None
        except ValueError:
            return None

    def clean_sku(self):
        # The database refuses a second product with the same SKU at one supplier; said here as a form error
        # (on the edit form the supplier field is gone, so the model's own check would not run).
        sku = self.cleaned_data.get("sku", "")
        supplier = self.instance.supplier if self.instance.pk else self.cleaned_data.get("supplier")
        if sku and supplier and supplier.products.filter(sku=sku).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another of your products already has this SKU."))
        return sku

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sample_available") and cleaned.get("sample_price") is None:
            self.add_error("sample_price", _("Give the sample price, or untick “samples available”."))
        return cleaned


class TierForm(forms.Form):
    min_quantity = QuantityField(label=_("From quantity"), required=False)
    unit_price = MoneyAmountField(label=_("Unit price"), required=False)

    def clean(self):
        cleaned = super().clean()
        qty, price = cleaned.get("min_quantity"), cleaned.get("unit_price")
        if (qty is None) != (price is None) and not self.errors:
            raise forms.ValidationError(_("Fill in both the quantity and the price of a tier, or neither."))
        return cleaned


class BaseTierFormSet(forms.BaseFormSet):
    moq = None

    def tiers(self):
        return [
            (f.cleaned_data["min_quantity"], f.cleaned_data["unit_price"])
            for f in self.forms
            if f.cleaned_data.get("min_quantity") is not None
        ]

    def clean(self):
        if any(self.errors):
            return
        problems = validate_tiers(self.moq, self.tiers())
        if problems:
            raise forms.ValidationError(problems)


TierFormSet = forms.formset_factory(TierForm, formset=BaseTierFormSet, extra=0, min_num=3, max_num=8)
