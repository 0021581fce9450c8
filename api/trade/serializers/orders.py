"""A buyer's orders: status, lines, totals and each supplier's shipment (the orders' Fulfilment rows).

An order lists the export documents its buyer may download (the order page's rule, `documents_for`), each
with its download in the API (the same PDF, for a token) and on the site.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.money import MoneyField
from marketplace.money import Money
from orders.documents.listing import documents_for
from orders.models import Fulfilment, Order, OrderLine

from ..representation import LabelledChoiceField
from .refs import TradeSupplierRefSerializer

money = MoneyField().to_representation


class OrderLineSerializer(serializers.ModelSerializer):
    supplier = serializers.IntegerField(source="fulfilment.supplier_id", help_text=_("The supplier's id."))
    unit_price = serializers.SerializerMethodField()
    amount = serializers.SerializerMethodField(help_text=_("Quantity × unit price."))

    class Meta:
        model = OrderLine
        fields = ["id", "description", "product", "supplier", "quantity", "unit", "unit_price", "amount",
                  "is_sample"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MoneyField())
    def get_unit_price(self, line):
        return money(Money(line.unit_price, line.order.currency))

    @extend_schema_field(MoneyField())
    def get_amount(self, line):
        return money(Money(line.amount, line.order.currency))


class ShipmentSerializer(serializers.ModelSerializer):
    """One supplier's part of the order: what it ships, how and when."""

    supplier = TradeSupplierRefSerializer(read_only=True)
    state = LabelledChoiceField(Fulfilment.State)
    total = MoneyField(help_text=_("This supplier's lines, rounded."))

    class Meta:
        model = Fulfilment
        fields = ["id", "supplier", "state", "lead_time_days", "carrier", "tracking_number", "shipped_at",
                  "delivered_at", "total"]  # fmt: skip
        read_only_fields = fields


class DocumentSerializer(serializers.Serializer):
    """An export document of a shipped part: a commercial invoice or a packing list, as a PDF."""

    kind = serializers.ChoiceField(choices=["commercial-invoice", "packing-list"], read_only=True)
    title = serializers.CharField(read_only=True)
    shipment = serializers.IntegerField(source="part", read_only=True, help_text=_("The shipment's id."))
    download = serializers.URLField(read_only=True, help_text=_("The PDF, for this API's token."))
    page_download = serializers.URLField(read_only=True, help_text=_("The PDF, for a logged-in browser."))


class OrderSummarySerializer(CountryFieldMixin, serializers.ModelSerializer):
    status = LabelledChoiceField(Order.State, source="state")
    source = LabelledChoiceField(Order.Source)
    total = MoneyField()
    suppliers = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "status", "source", "total", "suppliers", "incoterm", "destination_country",
                  "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(TradeSupplierRefSerializer(many=True))
    def get_suppliers(self, order):
        return TradeSupplierRefSerializer([f.supplier for f in order.fulfilments.all()], many=True).data


class OrderSerializer(OrderSummarySerializer):
    lines = OrderLineSerializer(many=True, read_only=True)
    shipments = ShipmentSerializer(source="fulfilments", many=True, read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "status", "source", "currency", "lines", "total", "shipments", "incoterm",
                  "incoterm_place", "destination_country", "shipping_name", "shipping_address",
                  "shipping_country", "documents", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, order):
        request = self.context["request"]
        documents = [
            {
                "kind": link.kind,
                "title": link.title,
                "part": link.part,
                "download": request.build_absolute_uri(
                    reverse("api:trade-order-document", args=[order.pk, link.kind, link.part])
                ),
                "page_download": request.build_absolute_uri(link.url),
            }
            for link in documents_for(order, request.user)
        ]
        return DocumentSerializer(documents, many=True).data
