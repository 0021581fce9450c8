"""A supplier's own listings: what the /sell/ pages show the artisan (drafts and curators' hides included),
and the shape of what they send (validated by the page's forms, api.listings)."""

from rest_framework import serializers

from catalog.models import Product
from catalog.reference import Incoterm, Region, Unit
from marketplace.numbers import PRICE_DECIMALS, PRICE_DIGITS

from .catalog import ProductDetailSerializer, writer_of


class ListingSerializer(ProductDetailSerializer):
    status = serializers.ChoiceField(choices=Product.Status.choices, help_text="The artisan's own choice.")
    listing_status = serializers.ChoiceField(
        choices=[("draft", "draft"), ("published", "published"), ("hidden", "hidden")],
        help_text="What buyers get: a curator's hide wins over the artisan's choice.",
    )
    hidden_reason = serializers.CharField(help_text="Why a curator hid it (empty when not hidden).")
    supplier_id = serializers.IntegerField()

    class Meta(ProductDetailSerializer.Meta):
        fields = [
            *ProductDetailSerializer.Meta.fields, "supplier_id", "status", "listing_status", "hidden_reason",
            "created_at", "updated_at",
        ]  # fmt: skip

    def to_representation(self, product):
        return writer_of(self.context).listing(product)


class TierInputSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField(min_value=1)
    unit_price = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=PRICE_DECIMALS, coerce_to_string=True,
        help_text="A decimal string, e.g. \"12.50\", in the supplier's currency.",
    )  # fmt: skip


class ListingInputSerializer(serializers.Serializer):
    """What a listing is made of (the /sell/ form's fields). Documentation of the body: the page's own forms
    validate it."""

    supplier = serializers.IntegerField(
        required=False, help_text="New listings: one of your suppliers (optional when you have one)."
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.IntegerField(help_text="A category id (from the category tree).")
    materials = serializers.ListField(child=serializers.IntegerField(), required=False)
    origin_region = serializers.ChoiceField(choices=Region.choices)
    hs_code = serializers.CharField(max_length=10, help_text="4, 6, 8 or 10 digits.")
    moq = serializers.IntegerField(min_value=1)
    unit = serializers.ChoiceField(choices=Unit.choices)
    lead_time_days = serializers.IntegerField(min_value=0)
    monthly_capacity = serializers.IntegerField(min_value=1)
    stock_on_hand = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    sample_available = serializers.BooleanField(required=False)
    sample_price = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=PRICE_DECIMALS, required=False, allow_null=True
    )
    incoterms = serializers.ListField(child=serializers.ChoiceField(choices=Incoterm.choices), required=False)
    customisation = serializers.CharField(max_length=300, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=Product.Status.choices,
        required=False,
        help_text="Default: draft when new, unchanged on edit.",
    )
    tiers = TierInputSerializer(many=True, help_text="Quantity breaks: the first at the MOQ, rising.")


class ListingPatchSerializer(ListingInputSerializer):
    """PATCH: any of the fields; the others stay as stored."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
        return fields

    class Meta:
        ref_name = "PatchedListingInput"
