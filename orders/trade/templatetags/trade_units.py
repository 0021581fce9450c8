"""{{ n|with_unit:request.unit }} → "600 pieces"; {{ n|days }} → "50 days" (orders.trade.units)."""

from django import template

from ..units import days as days_text
from ..units import quantity_with_unit

register = template.Library()


@register.filter
def with_unit(quantity, unit):
    return quantity_with_unit(quantity, unit)


@register.filter
def days(count):
    return "" if count is None else days_text(count)
