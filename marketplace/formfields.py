"""Form fields every app's forms use for what people type: quantities, counts, amounts, country codes,
one-line text. Each checks with the core's rules (marketplace.numbers, marketplace.text), so a bad value is a
form error beside the field, keeping what was typed, and never reaches a service, the database or an email
header.

tests/test_form_inputs.py walks every form of our apps and fails when a number or one-line text field is
declared without these checks (a plain forms.IntegerField, a DecimalField without max_digits, a CharField
that lets a line break through).
"""

from decimal import Decimal

from django import forms
from django.core.validators import DecimalValidator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import numbers
from .text import fold_whitespace, is_country_code


class QuantityField(forms.IntegerField):
    """A quantity someone orders, offers or asks for: 1 to settings.MAX_ORDER_QUANTITY (read when checked)."""

    def __init__(self, **kwargs):
        # A model's PositiveIntegerField passes min_value=0; the bounds here are the quantity rule's own.
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
        super().__init__(**kwargs)
        self.validators.append(numbers.validate_quantity)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.NumberInput):
            attrs.setdefault("min", "1")
        return attrs


class CountField(forms.IntegerField):
    """A whole number that is no order quantity (stock on hand, monthly capacity, days): `min_value` (0 by
    default) to `max_value` (by default what a PostgreSQL integer holds)."""

    def __init__(self, *, min_value=0, max_value=numbers.INTEGER_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class LeadTimeField(CountField):
    def __init__(self, **kwargs):
        kwargs.update(min_value=1, max_value=numbers.LEAD_TIME_DAYS_MAX)
        super().__init__(**kwargs)


class MoneyAmountField(forms.DecimalField):
    """An amount of money: finite, at most `max_digits` digits of which `decimal_places` decimals (a price
    field's 12 and 2 by default), at least `min_value` (0.01 by default: a price is above zero)."""

    def __init__(self, *, max_digits=None, decimal_places=None, min_value=None, **kwargs):
        self.minimum = numbers.SMALLEST_PRICE if min_value is None else Decimal(min_value)
        super().__init__(
            max_digits=max_digits or numbers.PRICE_DIGITS,
            decimal_places=numbers.PRICE_DECIMALS if decimal_places is None else decimal_places,
            **kwargs,
        )
        # One check with one message (Django's would add a second "no more than 12 digits" beside it).
        self.validators = [v for v in self.validators if not isinstance(v, DecimalValidator)]

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        numbers.check_amount(
            value, max_digits=self.max_digits, decimal_places=self.decimal_places, minimum=self.minimum
        )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.NumberInput):
            attrs.setdefault("min", str(self.minimum))
        return attrs


def _percent_range_message(low, high):
    return gettext("Enter a percentage from %(low)s to %(high)s.") % {"low": low, "high": high}


# Lazy: the field is built when its form class is defined; the message is translated when it is shown.
_out_of_range = lazy(_percent_range_message, str)


class PercentField(forms.DecimalField):
    """A percentage (a commission, a lender's limit or fee): `min_value` to `max_value` (0 to 100 by default)
    with at most two decimals, the bounds named in the message."""

    def __init__(self, *, min_value=Decimal("0"), max_value=Decimal("100"), **kwargs):
        out_of_range = _out_of_range(f"{min_value.normalize():f}", f"{max_value.normalize():f}")
        kwargs["error_messages"] = {
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_digits": out_of_range,
            "invalid": _("Enter a number such as 7.5."),
            "max_decimal_places": _("Use at most two decimals, e.g. 7.25."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(min_value=min_value, max_value=max_value, max_digits=5, decimal_places=2, **kwargs)


class SingleLineField(forms.CharField):
    """Text meant for one line (a title, a name, a place): every run of whitespace, line breaks included, is
    folded into one space, so a pasted title cannot carry a newline into an email subject or a header."""

    def to_python(self, value):
        value = super().to_python(value)
        return fold_whitespace(value) if value else value


def _country_choices():
    # Called each time the list is shown: names sorted in the visitor's language (django-countries).
    return [("", _("Choose a country")), *countries]


class CountryField(forms.ChoiceField):
    """A country chosen by its name from the ISO 3166-1 list (django-countries); the value is its alpha-2
    code ("DE"). Typing "Germany" into a two-letter box once stored "GE" (Georgia): a list of names cannot.

    What a client other than the page sends is read kindly: a code in any case ("de"), a three-letter code or
    an English name ("Germany") is taken as the country's code; anything else is a form error.
    """

    default_error_messages = {"invalid_choice": _("Choose a country from the list.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", _country_choices)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = fold_whitespace(super().to_python(value))
        if not value:
            return ""
        code = countries.alpha2(value) or countries.by_name(value)
        return code if is_country_code(code) else value


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id (materials, certifications). Django's field asks the database for ids of any
    size, and one past 64 bits makes the driver raise OverflowError, which it does not catch: a 500 for a
    hand-made POST. Such an id is no row's: refused as an invalid choice before any query."""

    LARGEST_ID = 2**63 - 1

    def _check_values(self, value):
        for given in value:
            try:
                out_of_range = abs(int(str(given))) > self.LARGEST_ID
            except ValueError:
                continue  # not a number at all: Django's own check says so
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": given}
                )
        return super()._check_values(value)
