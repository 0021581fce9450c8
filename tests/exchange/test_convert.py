from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from marketplace.exchange.models import ExchangeRate
from marketplace.exchange.services import RateFileError, RateMissing, convert, load_rates
from marketplace.money import Money


@pytest.fixture
def rates(db):
    ExchangeRate.objects.create(currency="EUR", on_date=date(2026, 1, 1), per_usd=Decimal("0.90"))
    ExchangeRate.objects.create(currency="EUR", on_date=date(2026, 6, 1), per_usd=Decimal("0.80"))
    ExchangeRate.objects.create(currency="PKR", on_date=date(2026, 1, 1), per_usd=Decimal("280"))


def test_convert_uses_the_latest_rate_on_or_before_the_date(rates):
    assert convert(Money(Decimal("10"), "USD"), "EUR", on=date(2026, 3, 1)) == Money(Decimal("9.00"), "EUR")
    assert convert(Money(Decimal("10"), "USD"), "EUR", on=date(2026, 7, 1)) == Money(Decimal("8.00"), "EUR")


def test_convert_between_two_non_usd_currencies_goes_through_usd(rates):
    result = convert(Money(Decimal("2800"), "PKR"), "EUR", on=date(2026, 2, 1))
    assert result.rounded() == Money(Decimal("9.00"), "EUR")


def test_convert_without_a_rate_raises_rate_missing(rates):
    with pytest.raises(RateMissing):
        convert(Money(Decimal("1"), "GBP"), "USD", on=date(2026, 2, 1))


def test_shipped_rate_table_loads(db):
    call_command("load_exchange_rates")
    assert ExchangeRate.objects.filter(currency="PKR").count() == 12


def test_a_bad_rate_file_loads_nothing(db, tmp_path):
    bad = tmp_path / "rates.csv"
    bad.write_text("date,currency,per_usd\n2026-01-01,EUR,0.9\n2026-02-01,XXX,1\n")
    with pytest.raises(RateFileError, match="line 3"):
        load_rates(bad)
    assert not ExchangeRate.objects.exists()
