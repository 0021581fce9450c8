"""The buyer's cart, kept in the session as [{product slug, quantity, sample}]; prices are read fresh.

A session outlives the rules it was filled under (a quantity put in before MAX_ORDER_QUANTITY existed, a MOQ
the supplier raised since): every line is checked again when the cart is read, and a line that no longer
passes is taken out with a message saying why, so the cart and checkout pages never fail on it.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from catalog.models import Product
from marketplace.numbers import is_quantity

from .ordering import CartLine, CheckoutError, check_cart_line

SESSION_KEY = "cart"


def items(request):
    return list(request.session.get(SESSION_KEY, []))


def add(request, line: CartLine):
    """Add a checked line; the same product (and sample flag) adds up, a sample stays quantity 1. The sum is
    checked like a new line (CheckoutError past MAX_ORDER_QUANTITY) and the cart is then left as it was."""
    current = [item for item in items(request) if _is_item(item)]
    for item in current:
        if item["product"] == line.product.slug and bool(item.get("sample")) == line.is_sample:
            if not line.is_sample:
                # A quantity stored before the limits is replaced, not added to.
                previous = item["quantity"] if is_quantity(item["quantity"]) else 0
                item["quantity"] = check_cart_line(line.product, previous + line.quantity).quantity
            break
    else:
        current.append({"product": line.product.slug, "quantity": line.quantity, "sample": line.is_sample})
    request.session[SESSION_KEY] = current


def remove(request, index: int):
    current = items(request)
    if 0 <= index < len(current):
        del current[index]
    request.session[SESSION_KEY] = current


def clear(request):
    request.session.pop(SESSION_KEY, None)


def _is_item(item):
    return isinstance(item, dict) and isinstance(item.get("product"), str) and "quantity" in item


def lines(request) -> list[CartLine]:
    """The cart's lines with their products (one query plus tier prefetch); vanished products drop out.

    Lines that are not lines at all are removed; lines that no longer pass check_cart_line (a bad quantity,
    a MOQ raised since) are removed with a message naming the product and the reason.
    """
    stored = items(request)
    kept = [item for item in stored if _is_item(item)]
    products = {
        p.slug: p
        for p in Product.objects.visible()
        .filter(slug__in=[item["product"] for item in kept])
        .select_related("supplier")
        .prefetch_related("price_tiers")
    }
    result = []
    for item in list(kept):
        product = products.get(item["product"])
        if product is None:
            continue
        try:
            line = check_cart_line(product, item["quantity"], bool(item.get("sample")))
        except CheckoutError as error:
            kept.remove(item)
            messages.warning(
                request,
                _("%(title)s was taken out of your cart: %(reason)s")
                % {"title": product.title, "reason": error.message},
            )
            continue
        result.append(line)
    if len(kept) != len(stored):
        request.session[SESSION_KEY] = kept
    return result
