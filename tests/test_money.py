"""Money holds finite amounts only: NaN, Infinity and 1e999999 are refused where they would enter."""

from decimal import Decimal

import pytest

from marketplace.money import Money


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity", "-Infinity", "1e999999", "-1e18"])
def test_money_refuses_an_amount_that_is_no_finite_number_below_the_largest(amount):
    with pytest.raises(ValueError):
        Money(Decimal(amount), "USD")


def test_money_arithmetic_cannot_step_outside_finite_amounts():
    with pytest.raises(ValueError):
        Money(Decimal("12.50"), "USD") * Decimal("Infinity")
    with pytest.raises(ValueError):
        Money(Decimal("12.50"), "USD") * 10**30


def test_the_largest_card_payment_is_eight_digits_of_minor_units():
    assert str(Money.max_charge("USD")) == "999,999.99 USD"
    assert Money.max_charge("PKR").minor_units == 99_999_999
