"""Money in API responses: {"amount": "12.50", "currency": "USD"} (scaffolding of API-2, same interface as
API-1's foundation, which replaces this file at merge)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.money import CURRENCIES, Money


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "amount": {"type": "string", "format": "decimal", "example": "12.50"},
            "currency": {"type": "string", "enum": list(CURRENCIES)},
        },
        "required": ["amount", "currency"],
    }
)
class MoneyField(serializers.Field):
    """Read-only: a Money, or an (amount, currency) pair, rounded to the currency's minor unit; the amount as
    a decimal string, never a float."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        money = (value if isinstance(value, Money) else Money(*value)).rounded()
        return {"amount": str(money.amount), "currency": money.currency}
