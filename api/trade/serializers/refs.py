"""Short references to catalog objects inside trade representations. Categories and clusters use the
catalog API's own references (api.serializers.catalog); a supplier and a product are named more briefly here
than the catalog's product pages show them (no verification level or storefront link per row)."""

from rest_framework import serializers

from catalog.models import Product, Supplier


class TradeSupplierRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class TradeProductRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "title", "slug"]
        read_only_fields = fields
