"""The numbers people type, checked once: finite, within the digits their field stores, in range.

Python takes "NaN", "sNaN", "Infinity", "1e999999" and 10**30 as numbers; the database, Stripe and every page
that formats them later do not, and the failure comes as a 500 far from where the value came in (the buyer's
RFQ page, the cart, checkout). So every number is checked where it enters (a form field, a quote's quantity
breaks, a service argument) by the functions here, and the model fields carry the same validators:

- a quantity someone orders, offers or asks for is a whole number from 1 to settings.MAX_ORDER_QUANTITY;
- a count (stock, monthly capacity) is a whole number that fits a PostgreSQL integer;
- an amount is a finite Decimal with at most the digits and decimals its field stores, not below a minimum
  (a price above zero; a free sample or a commission may be zero).

Each check raises Django's ValidationError with a message for people, so a form shows it beside the field and
a service turns it into its own domain error.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The largest value of a PostgreSQL `integer` column (Django's IntegerField and PositiveIntegerField there).
# SQLite takes up to 2**63 - 1, so a value between the two works in development and fails in production.
INTEGER_MAX = 2**31 - 1
# A lead time of more than ten years is a typing mistake.
LEAD_TIME_DAYS_MAX = 3650
# Prices as the catalog and the trade models store them: 12 digits, 2 of them decimals.
PRICE_DIGITS, PRICE_DECIMALS = 12, 2
SMALLEST_PRICE = Decimal("0.01")


def max_order_quantity() -> int:
    """The largest quantity of one order line (settings.MAX_ORDER_QUANTITY), read at every check."""
    return settings.MAX_ORDER_QUANTITY


def is_quantity(value) -> bool:
    """True for an int from 1 to MAX_ORDER_QUANTITY. Never a bool (an int to Python), a float (1.5, or 1e30
    from a JSON session) or a numeric string: those come from somewhere that skipped a check."""
    return type(value) is int and 1 <= value <= max_order_quantity()


def check_quantity(value) -> int:
    """`value` (an int) as a quantity from 1 to MAX_ORDER_QUANTITY, or ValidationError (code "quantity")."""
    if not is_quantity(value):
        largest = max_order_quantity()
        raise ValidationError(
            _("Enter a quantity from 1 to %(max)s.") % {"max": f"{largest:,}"},
            code="quantity",
        )
    return value


def check_count(value, *, minimum=0, maximum=INTEGER_MAX) -> int:
    """`value` (an int) from `minimum` to `maximum` (by default what a PostgreSQL integer holds)."""
    if type(value) is not int or not minimum <= value <= maximum:
        raise ValidationError(
            _("Enter a whole number from %(min)s to %(max)s.")
            % {"min": f"{minimum:,}", "max": f"{maximum:,}"},
            code="out_of_range",
        )
    return value


def check_amount(
    value, *, max_digits=PRICE_DIGITS, decimal_places=PRICE_DECIMALS, minimum=SMALLEST_PRICE
) -> Decimal:
    """`value` (a Decimal, an int or a str) as a finite Decimal with at most `max_digits` digits of which
    `decimal_places` decimals, and not below `minimum`; ValidationError otherwise. Never takes a float."""
    if isinstance(value, float | bool):
        raise ValidationError(_("Enter a number."), code="invalid")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError(_("Enter a number."), code="invalid") from error
    if not amount.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    whole_digits = max_digits - decimal_places
    largest = Decimal(10) ** whole_digits - Decimal(1).scaleb(-decimal_places)
    if abs(amount) > largest:
        raise ValidationError(
            _("Enter an amount of at most %(max)s.") % {"max": f"{largest:,}"}, code="max_value"
        )
    if amount.as_tuple().exponent < -decimal_places and amount != amount.quantize(
        Decimal(1).scaleb(-decimal_places)
    ):
        raise ValidationError(
            _("Use at most %(places)s decimals.") % {"places": decimal_places}, code="max_decimal_places"
        )
    if minimum is not None and amount < minimum:
        message = _("Enter an amount above zero.") if minimum > 0 else _("Enter an amount of zero or more.")
        raise ValidationError(message, code="min_value")
    return amount


# Model-field validators: the same checks, for every path that saves through full_clean (forms, the admin).


def validate_quantity(value):
    check_quantity(value)


def validate_count(value):
    check_count(value)


def validate_lead_time_days(value):
    check_count(value, minimum=1, maximum=LEAD_TIME_DAYS_MAX)


def validate_price(value):
    """A unit price: above zero, finite, within a price field's digits."""
    check_amount(value)
