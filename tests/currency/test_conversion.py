"""Prices as a buyer sees them: at the latest stored rate on or before today, never a made-up rate."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template

from marketplace.currency import BuyerCurrency
from marketplace.exchange.models import ExchangeRate
from marketplace.exchange.services import rates_on
from marketplace.money import Money

from .helpers import rate_day, store_rates


@pytest.fixture
def rates(db):
    store_rates()


def test_the_days_rates_are_the_latest_on_or_before_it_in_one_query(rates, django_assert_num_queries):
    for days, per_usd in ((-30, "0.9"), (30, "0.5")):
        on = rate_day() + timedelta(days=days)
        ExchangeRate.objects.create(currency="GBP", on_date=on, per_usd=Decimal(per_usd))
    with django_assert_num_queries(1):
        rates = rates_on()
    assert (rates["GBP"].per_usd, rates["GBP"].on_date) == (Decimal("0.75"), rate_day())
    assert rates["USD"].per_usd == 1


def test_a_supplier_price_is_shown_in_the_buyers_currency_with_its_own_beside(rates):
    shown = BuyerCurrency("GBP").show(Money(Decimal("1992"), "PKR"))
    # 1,992 PKR / 280 = 7.1143 USD; x 0.75 = 5.3357 GBP
    assert shown.buyer == Money(Decimal("5.34"), "GBP")
    assert shown.rate_date == rate_day()
    assert str(shown) == "5.34 GBP (1,992.00 PKR)"


def test_a_price_in_the_buyers_own_currency_is_shown_once_without_a_query(rates, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert str(BuyerCurrency("PKR").show(Money(Decimal("1992"), "PKR"))) == "1,992.00 PKR"


def test_without_a_rate_only_the_suppliers_price_is_shown_and_said_unconverted(db):
    store_rates({"PKR": "280"})
    shown = BuyerCurrency("GBP").show(Money(Decimal("1992"), "PKR"))
    assert shown.buyer is None and not shown.converted
    assert str(shown) == "1,992.00 PKR (conversion unavailable)"


def test_a_rate_stored_after_today_is_not_used(db):
    store_rates({"GBP": "0.75"}, on=rate_day() + timedelta(days=2))
    assert BuyerCurrency("GBP").show(Money(Decimal("10"), "USD")).buyer is None


def test_the_tag_shows_the_price_to_the_contexts_buyer_currency(rates):
    template = Template("{% load money %}{% price_in_buyer_currency price 'EUR' %}")
    html = template.render(Context({"price": Decimal("12.80"), "buyer_currency": BuyerCurrency("USD")}))
    assert html == "16.00 USD (12.80 EUR)"
