"""A supplier's side of RFQs: the RFQs it may quote on, and its own quote (never anyone else's)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.money import MoneyField
from catalog.reference import Incoterm
from marketplace.money import CURRENCY_CHOICES, Money
from orders.trade.models import RFQ, Quote

from ..representation import LabelledChoiceField
from .refs import TradeSupplierRefSerializer
from .rfqs import PriceBreakSerializer, RFQSerializer

money = MoneyField().to_representation


class OwnQuoteSerializer(serializers.ModelSerializer):
    supplier = TradeSupplierRefSerializer(read_only=True)
    state = LabelledChoiceField(Quote.State)
    unit_price = serializers.SerializerMethodField()
    price_breaks = serializers.SerializerMethodField()

    class Meta:
        model = Quote
        fields = ["id", "rfq", "supplier", "state", "revision", "unit_price", "price_breaks", "incoterm",
                  "incoterm_place", "lead_time_days", "valid_until", "sample_offer", "notes", "created_at",
                  "updated_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MoneyField())
    def get_unit_price(self, quote):
        return money(Money(quote.unit_price, quote.currency))

    @extend_schema_field(PriceBreakSerializer(many=True))
    def get_price_breaks(self, quote):
        return [
            {"min_quantity": quantity, "unit_price": money(Money(price, quote.currency))}
            for quantity, price in quote.price_breaks()
        ]


class OpenRFQSerializer(RFQSerializer):
    """An RFQ as a matching supplier sees it (the buyer's facts, not how many quotes it has) with the
    supplier's own quote, if any."""

    your_quote = serializers.SerializerMethodField()

    class Meta:
        model = RFQ
        fields = [
            "id", "title", "description", "category", "cluster", "quantity", "unit", "target_unit_price",
            "currency", "destination_country", "incoterm", "needed_by", "deadline", "state", "accepts_quotes",
            "your_quote", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OwnQuoteSerializer(allow_null=True))
    def get_your_quote(self, rfq):
        quote = self.context["own_quotes"].get(rfq.pk)
        return OwnQuoteSerializer(quote).data if quote else None


class PriceBreakInputSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)


class QuoteTermsSerializer(serializers.Serializer):
    """What the quote form takes; the form checks it (QuoteForm)."""

    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    price_breaks = PriceBreakInputSerializer(
        many=True,
        required=False,
        help_text=_("Optional quantity breaks: from this quantity, this unit price."),
    )
    incoterm = serializers.ChoiceField(choices=Incoterm.choices)
    incoterm_place = serializers.CharField(help_text=_("The named place, e.g. Karachi."))
    lead_time_days = serializers.IntegerField()
    valid_until = serializers.DateField()
    sample_offer = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)

    def form_values(self):
        """The quote form's fields: the breaks as its text, one "quantity price" per line."""
        values = dict(self.validated_data)
        breaks = values.pop("price_breaks", [])
        values["tiers_text"] = "\n".join(f"{row['min_quantity']} {row['unit_price']}" for row in breaks)
        return values
