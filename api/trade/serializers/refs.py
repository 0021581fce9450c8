"""Short references to catalog objects inside trade representations."""

from rest_framework import serializers

from catalog.models import Category, Cluster, Product, Supplier


class TradeSupplierRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class TradeCategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class TradeClusterRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class TradeProductRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "title", "slug"]
        read_only_fields = fields
