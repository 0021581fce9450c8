"""Rates and products in mixed currencies, for the currency tests of every app (plain functions: each app's
tests import them, so no conftest is shared)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from marketplace.exchange.models import ExchangeRate
from tests.factories import ProductFactory, SupplierFactory

# Units per USD. 1 GBP = 1.3333 USD, 1 EUR = 1.25 USD, 280 PKR = 1 USD.
RATES = {"EUR": "0.80", "GBP": "0.75", "PKR": "280", "AED": "3.6725"}


def rate_day() -> date:
    """The day the rates are stored for: yesterday, so "the latest on or before today" has to look back."""
    return timezone.localdate() - timedelta(days=1)


def store_rates(rates=None, on=None):
    for currency, per_usd in (rates or RATES).items():
        ExchangeRate.objects.create(currency=currency, on_date=on or rate_day(), per_usd=Decimal(per_usd))


def product_in(currency, price, **fields):
    """A product of a supplier pricing in `currency`, whose only tier (at the MOQ, 10) is `price`."""
    supplier = SupplierFactory(currency=currency)
    return ProductFactory(supplier=supplier, tiers=[(10, price)], **fields)


def mixed_currency_products():
    """Four products whose raw numbers sort (10, 12, 12.80, 2800) unlike their USD values
    (PKR 10.00, USD 12.00, GBP 13.33, EUR 16.00)."""
    return {
        "gbp": product_in("GBP", "10.00", title="Chiniot carved walnut box"),
        "usd": product_in("USD", "12.00", title="Sialkot leather football"),
        "eur": product_in("EUR", "12.80", title="Swat embroidered cushion cover"),
        "pkr": product_in("PKR", "2800", title="Hala ajrak block print shawl"),
    }


LOW_TO_HIGH_IN_USD = ["pkr", "usd", "gbp", "eur"]
