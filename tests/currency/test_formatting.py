"""One way to write an amount: grouping and decimals from the active language, the currency's minor unit."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from marketplace.currency import format_money
from marketplace.money import Money


def test_an_amount_is_grouped_and_has_the_currencys_decimals_in_english():
    with translation.override("en"):
        assert format_money(Money(Decimal("1992"), "PKR")) == "1,992.00 PKR"


def test_an_amount_is_grouped_in_urdu_too():
    # Django ships no Urdu formats: without marketplace/formats/ur the grouping was lost ("1992.00 PKR").
    with translation.override("ur"):
        assert format_money(Money(Decimal("1992"), "PKR")) == "1,992.00 PKR"
        assert format_money(Money(Decimal("1234567.5"), "USD")) == "1,234,567.50 USD"


def test_an_amount_is_rounded_half_up_to_the_minor_unit():
    assert format_money(Money(Decimal("0.125"), "USD")) == "0.13 USD"
    assert format_money(Money(Decimal("-1000.005"), "EUR")) == "-1,000.01 EUR"


def test_nothing_is_written_for_no_amount():
    assert format_money(None) == ""


def test_the_money_filter_writes_money_and_an_amount_with_its_currency():
    template = Template("{% load money %}{{ total|money }} / {{ price|money:'GBP' }}")
    html = template.render(Context({"total": Money(Decimal("12104"), "PKR"), "price": Decimal("5.3")}))
    assert html == "12,104.00 PKR / 5.30 GBP"


def test_an_exact_amount_keeps_the_decimals_beyond_the_minor_unit():
    # A unit price on an export document: a customs officer multiplies it by the quantity.
    assert format_money(Money(Decimal("1234.3333"), "USD"), exact=True) == "1,234.3333 USD"
    assert format_money(Money(Decimal("7.1250"), "USD"), exact=True) == "7.125 USD"


def test_an_exact_amount_without_extra_decimals_is_written_as_usual():
    assert format_money(Money(Decimal("10.8"), "USD"), exact=True) == "10.80 USD"
