"""`{{ amount|money }}` and `{% price_in_buyer_currency %}`, the template side of marketplace.currency.

The core is a package, not an app: settings.TEMPLATES names this library ("money") for every template.
"""

from django import template

from marketplace.currency import BuyerCurrency, format_money
from marketplace.money import Money

register = template.Library()


def _as_money(value, currency=None) -> Money | None:
    if value is None or value == "":
        return None
    if isinstance(value, Money):
        return value
    return Money(value, currency)


@register.filter
def money(value, currency=None):
    """{{ order.total|money }}, {{ tier.unit_price|money:product.currency }}: how every amount is written."""
    return format_money(_as_money(value, currency))


@register.simple_tag(takes_context=True)
def price_in_buyer_currency(context, value, currency=None):
    """{% price_in_buyer_currency tier.unit_price product.currency %}: "5.34 GBP (1,992.00 PKR)" for a GBP
    buyer. With `as shown`, the parts too: `shown.buyer`, `shown.own`, `shown.converted`, `shown.rate_date`.

    The buyer's currency is `buyer_currency` of the context (the context processor's, or the one a cached
    fragment was rendered for); a template rendered without either shows the amount as it is.
    """
    amount = _as_money(value, currency)
    if amount is None:
        return ""
    buyer = context.get("buyer_currency") or BuyerCurrency(amount.currency)
    return buyer.show(amount)
