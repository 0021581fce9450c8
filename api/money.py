"""Money in the API: {"amount": "12.50", "currency": "USD"}, the amount a decimal string, never a float."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.money import CURRENCY_CHOICES, Money


class MoneySchema(serializers.Serializer):
    """The shape of every amount (the schema's `Money` component)."""

    amount = serializers.CharField(help_text='A decimal number as a string, e.g. "12.50".')
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, help_text="ISO 4217 code.")

    class Meta:
        ref_name = "Money"


@extend_schema_field(MoneySchema)
class MoneyField(serializers.Field):
    """Read-only: a marketplace.money.Money, or an (amount, currency) pair, rounded to the currency's minor
    unit."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        money = value if isinstance(value, Money) else Money(*value)
        money = money.rounded()
        return {"amount": str(money.amount), "currency": money.currency}
