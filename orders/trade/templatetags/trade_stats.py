from django import template

from ..numbers import trade_numbers
from ..services.responsiveness import responsiveness

register = template.Library()


@register.simple_tag
def supplier_responsiveness(supplier):
    """{% supplier_responsiveness supplier as r %}: r.rate (percent), r.median_hours, r.asked."""
    return responsiveness(supplier.pk)


@register.simple_tag(takes_context=True)
def trade_party(context, thread):
    """'buyer' or 'supplier': which side the current user reads `thread` from."""
    return "buyer" if thread.buyer_id == context["request"].user.pk else "supplier"


@register.simple_tag(takes_context=True)
def sell_numbers(context, supplier):
    """{% sell_numbers supplier as numbers %}: orders.trade.numbers for `supplier`. Computed once per request
    for all the dashboard's `suppliers` (kept on the request), so the page's queries do not grow with them."""
    request = context["request"]
    suppliers = context.get("suppliers") or [supplier]
    key = tuple(s.pk for s in suppliers)
    cached = getattr(request, "_sell_numbers", {})
    if key not in cached:
        cached[key] = trade_numbers(suppliers)
        request._sell_numbers = cached
    return cached[key][supplier.pk]
