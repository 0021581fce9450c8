"""The core's number rules (marketplace.numbers): what a quantity and an amount may be, from anywhere."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.numbers import check_amount, check_quantity


@pytest.mark.parametrize("value", [0, -1, 1_000_001, 2**31, 10**30, True, 1.0, "10", None, Decimal(10)])
def test_a_quantity_is_an_int_from_one_to_the_largest_order(value):
    with pytest.raises(ValidationError) as error:
        check_quantity(value)
    assert error.value.messages == ["Enter a quantity from 1 to 1,000,000."]


def test_the_largest_order_quantity_is_read_from_the_settings_at_each_check(settings):
    assert check_quantity(1_000_000) == 1_000_000
    settings.MAX_ORDER_QUANTITY = 50
    with pytest.raises(ValidationError):
        check_quantity(51)


@pytest.mark.parametrize(
    "value, problem",
    [
        ("NaN", "Enter a number."), ("sNaN", "Enter a number."), ("Infinity", "Enter a number."),
        ("1e999999", "Enter an amount of at most 9,999,999,999.99."), ("9.999", "Use at most 2 decimals."),
        ("0", "Enter an amount above zero."), ("-3", "Enter an amount above zero."), (1.5, "Enter a number."),
        ("twelve", "Enter a number."),
    ],
)  # fmt: skip
def test_a_price_is_a_finite_amount_above_zero_that_a_price_field_holds(value, problem):
    with pytest.raises(ValidationError) as error:
        check_amount(value)
    assert error.value.messages == [problem]


def test_an_amount_with_trailing_zeros_is_the_same_amount():
    assert check_amount("9.500") == Decimal("9.5")
    assert check_amount("0", minimum=Decimal(0)) == 0
