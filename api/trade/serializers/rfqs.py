"""RFQs and the quotes on them, as their buyer sees them; the input of posting an RFQ and accepting a
quote."""

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.money import MoneyField
from api.serializers.catalog import CategoryRefSerializer, ClusterRefSerializer
from catalog.reference import Incoterm, Unit
from marketplace.money import CURRENCY_CHOICES, Money
from orders.trade.models import RFQ, Quote

from ..representation import LabelledChoiceField
from .refs import TradeSupplierRefSerializer

money = MoneyField().to_representation


class RFQSerializer(CountryFieldMixin, serializers.ModelSerializer):
    category = CategoryRefSerializer(read_only=True)
    cluster = ClusterRefSerializer(read_only=True, allow_null=True)
    unit = LabelledChoiceField(Unit)
    target_unit_price = serializers.SerializerMethodField()
    state = LabelledChoiceField(RFQ.State)
    accepts_quotes = serializers.BooleanField(read_only=True)
    quote_count = serializers.IntegerField(
        read_only=True,
        help_text=_("Quotes submitted or accepted (withdrawn, declined and expired not counted)."),
    )

    class Meta:
        model = RFQ
        fields = [
            "id", "title", "description", "category", "cluster", "quantity", "unit", "target_unit_price",
            "currency", "destination_country", "incoterm", "needed_by", "deadline", "state", "accepts_quotes",
            "quote_count", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MoneyField(allow_null=True))
    def get_target_unit_price(self, rfq):
        if rfq.target_unit_price is None:
            return None
        return money(Money(rfq.target_unit_price, rfq.currency))


class RFQCreateSerializer(serializers.Serializer):
    """What the RFQ page's form takes (attachments aside); the form checks it (RFQForm)."""

    title = serializers.CharField()
    description = serializers.CharField()
    category = serializers.IntegerField(help_text=_("A category id."))
    cluster = serializers.IntegerField(required=False, allow_null=True, help_text=_("A cluster id."))
    quantity = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=Unit.choices, required=False)
    target_unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=True
    )
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    destination_country = serializers.CharField(help_text=_("Two-letter country code, e.g. DE."))
    incoterm = serializers.ChoiceField(choices=Incoterm.choices)
    needed_by = serializers.DateField()
    deadline = serializers.DateTimeField(help_text=_("When quotes close; in the future."))


class PriceBreakSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    unit_price = MoneyField()


class QuoteSerializer(serializers.Serializer):
    """A row of the page's comparison (orders.trade.services.rfqs.compare_quotes): the quote with its price at
    the RFQ's quantity, and the same converted to the RFQ's currency when a rate is known."""

    id = serializers.IntegerField(source="quote.id")
    rfq = serializers.IntegerField(source="quote.rfq_id")
    supplier = TradeSupplierRefSerializer(source="quote.supplier")
    state = LabelledChoiceField(Quote.State, source="quote.state")
    revision = serializers.IntegerField(
        source="quote.revision", help_text=_("Send it back, with `total`, when accepting.")
    )
    unit_price = serializers.SerializerMethodField(
        help_text=_("The base unit price, before quantity breaks.")
    )
    price_breaks = serializers.SerializerMethodField()
    unit_price_at_quantity = MoneyField(source="unit", help_text=_("The unit price at the RFQ's quantity."))
    total = MoneyField(
        help_text=_("What the RFQ's quantity costs on this quote: the total an order charges.")
    )
    normalised_unit_price = MoneyField(
        source="normalised_unit", allow_null=True, help_text=_("In the RFQ's currency; null without a rate.")
    )
    normalised_total = MoneyField(allow_null=True, help_text=_("In the RFQ's currency; null without a rate."))
    acceptable = serializers.BooleanField(help_text=_("Submitted and still valid today."))
    incoterm = serializers.CharField(source="quote.incoterm")
    incoterm_place = serializers.CharField(source="quote.incoterm_place")
    lead_time_days = serializers.IntegerField(source="quote.lead_time_days")
    valid_until = serializers.DateField(source="quote.valid_until")
    sample_offer = serializers.CharField(source="quote.sample_offer")
    notes = serializers.CharField(source="quote.notes")
    created_at = serializers.DateTimeField(source="quote.created_at")
    updated_at = serializers.DateTimeField(source="quote.updated_at")

    @extend_schema_field(MoneyField())
    def get_unit_price(self, row):
        return money(Money(row["quote"].unit_price, row["quote"].currency))

    @extend_schema_field(PriceBreakSerializer(many=True))
    def get_price_breaks(self, row):
        quote = row["quote"]
        return [
            {"min_quantity": quantity, "unit_price": money(Money(price, quote.currency))}
            for quantity, price in quote.price_breaks()
        ]


class SeenTotalSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)


class AcceptQuoteSerializer(serializers.Serializer):
    """The terms the buyer saw, as the quote showed them: refused (quote_changed) if they moved since."""

    revision = serializers.IntegerField(help_text=_("The quote's `revision` as you read it."))
    total = SeenTotalSerializer(help_text=_("The quote's `total` as you read it."))
