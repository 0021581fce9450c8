"""The product list's filters, as query parameters: validated here (a bad value is a 400 naming it), applied
to the catalog's own querysets (`Product.objects.visible()`, `in_category`)."""

from django.db.models import Exists, Min, OuterRef
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalog.models import Category, Certification
from catalog.reference import Region
from marketplace.money import CURRENCY_CHOICES
from marketplace.numbers import PRICE_DECIMALS, PRICE_DIGITS


class ProductFilters(serializers.Serializer):
    category = serializers.SlugField(required=False, help_text="A category's slug; its subcategories count.")
    cluster = serializers.SlugField(required=False, help_text="A cluster's slug.")
    supplier = serializers.SlugField(required=False, help_text="A supplier's slug.")
    material = serializers.SlugField(required=False, help_text="A material's slug.")
    region = serializers.ChoiceField(choices=Region.choices, required=False, help_text="Region of origin.")
    certification = serializers.SlugField(
        required=False, help_text="A certification type's slug: suppliers holding a valid one."
    )
    moq_max = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="Minimum order quantity at most this."
    )
    currency = serializers.ChoiceField(
        choices=CURRENCY_CHOICES, required=False, help_text="Listings priced in this currency."
    )
    price_min = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=PRICE_DECIMALS, min_value=0, required=False,
        help_text="Lowest tier price at least this (in `currency`, which is then required).",
    )  # fmt: skip
    price_max = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=PRICE_DECIMALS, min_value=0, required=False,
        help_text="Lowest tier price at most this (in `currency`, which is then required).",
    )  # fmt: skip

    def validate(self, attrs):
        priced = "price_min" in attrs or "price_max" in attrs
        if priced and "currency" not in attrs:
            # Prices are kept in each supplier's currency: a bare number would compare rupees with dollars.
            raise serializers.ValidationError({"currency": [_("Give the currency of the price range.")]})
        return attrs


def filter_products(products, filters: dict):
    """`products` (visible ones) narrowed by validated `filters` (ProductFilters)."""
    if "category" in filters:
        category = Category.objects.filter(slug=filters["category"]).first()
        products = products.in_category(category) if category else products.none()
    if "cluster" in filters:
        products = products.filter(supplier__clusters__slug=filters["cluster"])
    if "supplier" in filters:
        products = products.filter(supplier__slug=filters["supplier"])
    if "material" in filters:
        products = products.filter(materials__slug=filters["material"])
    if "region" in filters:
        products = products.filter(origin_region=filters["region"])
    if "certification" in filters:
        held = Certification.objects.valid().filter(
            supplier=OuterRef("supplier"), type__slug=filters["certification"]
        )
        products = products.filter(Exists(held))
    if "moq_max" in filters:
        products = products.filter(moq__lte=filters["moq_max"])
    if "currency" in filters:
        products = products.filter(supplier__currency=filters["currency"])
    if "price_min" in filters or "price_max" in filters:
        products = products.annotate(lowest_price=Min("price_tiers__unit_price"))
        if "price_min" in filters:
            products = products.filter(lowest_price__gte=filters["price_min"])
        if "price_max" in filters:
            products = products.filter(lowest_price__lte=filters["price_max"])
    return products


class SupplierFilters(serializers.Serializer):
    cluster = serializers.SlugField(required=False, help_text="A cluster's slug.")
    region = serializers.ChoiceField(choices=Region.choices, required=False)
    women_led = serializers.BooleanField(required=False, allow_null=True, default=None)


def filter_suppliers(suppliers, filters: dict):
    if "cluster" in filters:
        suppliers = suppliers.filter(clusters__slug=filters["cluster"])
    if "region" in filters:
        suppliers = suppliers.filter(region=filters["region"])
    if filters.get("women_led") is not None:
        suppliers = suppliers.filter(women_led=filters["women_led"])
    return suppliers
