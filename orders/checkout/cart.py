"""The buyer's cart: one interface, two stores. A visitor's cart is kept in the session as
[{product slug, quantity, sample}]; a signed-in buyer's in the database (CartItem), so it is the same cart on
every device and after logging out and in again. At login the session cart is merged into the stored one
(`merge_at_login`, connected to Django's user_logged_in in OrdersConfig.ready).

Prices are never stored: they are read fresh. A cart outlives the rules it was filled under (a quantity put in
before MAX_ORDER_QUANTITY existed, a MOQ the supplier raised since): every line is checked again when the cart
is read, and a line that no longer passes is taken out with a message saying why, so the cart and checkout
pages never fail on it.

Lines are named by `CartLine.key`: the stored row's id for a signed-in buyer, always looked up among that
buyer's own rows (another buyer's id is no line of theirs: LineNotFound), the position for a visitor.
"""

import logging
from dataclasses import replace

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Product
from marketplace.numbers import is_quantity

from .models import CartItem
from .ordering import CartLine, CheckoutError, check_cart_line

logger = logging.getLogger(__name__)

SESSION_KEY = "cart"
# The largest id a database row can have (a bigint); a larger number sent by hand is no line (PostgreSQL's
# driver would raise OverflowError on it: a 500).
_MAX_ID = 2**63 - 1


class LineNotFound(LookupError):
    """No line of this buyer's cart has that key."""


def _stored(request) -> bool:
    return request.user.is_authenticated


def items(request):
    """The session cart as stored (a visitor's; a signed-in buyer's session cart is empty once merged)."""
    return list(request.session.get(SESSION_KEY, []))


def add(request, line: CartLine):
    """Add a checked line; the same product (and sample flag) adds up, a sample stays quantity 1. The sum is
    checked like a new line (CheckoutError past MAX_ORDER_QUANTITY) and the cart is then left as it was."""
    if _stored(request):
        _add_stored(request.user, line)
        return
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


def _add_stored(user, line: CartLine):
    item, created = CartItem.objects.get_or_create(
        user=user, product=line.product, is_sample=line.is_sample, defaults={"quantity": line.quantity}
    )
    if created or line.is_sample:
        return
    with transaction.atomic():
        # Locked so two tabs adding at once both count; a sum past the limits raises and changes nothing.
        item = CartItem.objects.select_for_update().get(pk=item.pk)
        item.quantity = check_cart_line(line.product, item.quantity + line.quantity).quantity
        item.save(update_fields=["quantity"])


def _as_id(key) -> int | None:
    try:
        number = int(key)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= _MAX_ID else None


def remove(request, key):
    """Take a line out; a key that names no line of this cart changes nothing."""
    if _stored(request):
        if (pk := _as_id(key)) is not None:
            CartItem.objects.filter(user=request.user, pk=pk).delete()
        return
    try:
        index = int(key)
    except (TypeError, ValueError):
        return
    current = items(request)
    if 0 <= index < len(current):
        del current[index]
    request.session[SESSION_KEY] = current


def set_quantity(request, key, quantity) -> CartLine:
    """Change a line's quantity, checked like a new line (MOQ, limits; the tier price follows from it).

    Returns the changed line; CheckoutError (nothing changed) when the quantity is refused or the line is a
    sample (always one unit); LineNotFound when `key` names no line of this buyer's cart."""
    if _stored(request):
        return _set_stored_quantity(request.user, key, quantity)
    current = items(request)
    try:
        index = int(key)
        item = current[index] if index >= 0 else None
    except (TypeError, ValueError, IndexError):
        item = None
    if not _is_item(item):
        raise LineNotFound(key)
    product = Product.objects.visible().select_related("supplier").filter(slug=item["product"]).first()
    if product is None:
        raise LineNotFound(key)
    line = _changed(product, bool(item.get("sample")), quantity)
    item["quantity"] = line.quantity
    request.session[SESSION_KEY] = current
    return replace(line, key=index)


def _set_stored_quantity(user, key, quantity) -> CartLine:
    pk = _as_id(key)
    visible = Product.objects.visible()
    item = (
        CartItem.objects.filter(user=user, pk=pk, product__in=visible)
        .select_related("product__supplier")
        .first()
        if pk is not None
        else None
    )
    if item is None:
        raise LineNotFound(key)
    line = _changed(item.product, item.is_sample, quantity)
    CartItem.objects.filter(pk=item.pk, user=user).update(quantity=line.quantity)
    return replace(line, key=item.pk)


def _changed(product, is_sample, quantity) -> CartLine:
    if is_sample:
        raise CheckoutError(_("A sample is always one unit."), code="sample_quantity")
    return check_cart_line(product, quantity)


def clear(request):
    if _stored(request):
        CartItem.objects.filter(user=request.user).delete()
    request.session.pop(SESSION_KEY, None)


def _is_item(item):
    return isinstance(item, dict) and isinstance(item.get("product"), str) and "quantity" in item


def lines(request) -> list[CartLine]:
    """The cart's lines with their products (one query plus tier prefetch); hidden products drop out of view
    (and come back if shown again).

    Lines that are not lines at all are removed; lines that no longer pass check_cart_line (a bad quantity,
    a MOQ raised since) are removed with a message naming the product and the reason.
    """
    if _stored(request):
        return _stored_lines(request)
    stored = items(request)
    kept = [item for item in stored if _is_item(item)]
    products = {
        p.slug: p
        for p in Product.objects.visible()
        .filter(slug__in=[item["product"] for item in kept])
        .select_related("supplier")
        .prefetch_related("price_tiers")
    }
    checked = []
    for item in list(kept):
        product = products.get(item["product"])
        if product is None:
            continue
        try:
            line = check_cart_line(product, item["quantity"], bool(item.get("sample")))
        except CheckoutError as error:
            kept.remove(item)
            _taken_out(request, product, error)
            continue
        checked.append((line, item))
    if len(kept) != len(stored):
        request.session[SESSION_KEY] = kept
    # The key is the position in the list as stored now (after any removal above).
    position = {id(item): index for index, item in enumerate(kept)}
    return [replace(line, key=position[id(item)]) for line, item in checked]


def _stored_lines(request) -> list[CartLine]:
    # A session cart still there for a signed-in buyer (filled before carts were stored) joins the stored one.
    merge_at_login(None, request, request.user)
    rows = (
        CartItem.objects.filter(user=request.user, product__in=Product.objects.visible())
        .select_related("product__supplier")
        .prefetch_related("product__price_tiers")
    )
    result, failed = [], []
    for item in rows:
        try:
            line = check_cart_line(item.product, item.quantity, item.is_sample)
        except CheckoutError as error:
            failed.append(item.pk)
            _taken_out(request, item.product, error)
            continue
        result.append(replace(line, key=item.pk))
    if failed:
        CartItem.objects.filter(user=request.user, pk__in=failed).delete()
    return result


def _taken_out(request, product, error):
    """Tell the buyer a line was taken out. A login without the messages middleware (the test client's
    force_login, a login through the API) has nowhere to show it: the dropped line is logged instead."""
    text = _("%(title)s was taken out of your cart: %(reason)s") % {
        "title": product.title,
        "reason": error.message,
    }
    if hasattr(request, "_messages"):
        messages.warning(request, text)
    else:
        logger.warning(
            "cart line taken out with no page to say so: %s", text, extra={"event": "cart_line_dropped"}
        )


def merge_at_login(sender, request, user, **kwargs):
    """user_logged_in: the visitor's session cart joins the buyer's stored cart. Quantities of the same
    product add up and are checked again; a line that fails (the sum past the limit, a MOQ raised since, a
    product gone) is dropped with a message, the stored line staying as it was. The session cart is then
    emptied, so it is merged once. Also called when a signed-in buyer's cart is read (see _stored_lines)."""
    session = getattr(request, "session", None)
    if session is None or not session.get(SESSION_KEY):
        return
    pending = [item for item in session.get(SESSION_KEY, []) if _is_item(item)]
    session[SESSION_KEY] = []
    products = {
        p.slug: p
        for p in Product.objects.visible()
        .filter(slug__in=[item["product"] for item in pending])
        .select_related("supplier")
        .prefetch_related("price_tiers")
    }
    for item in pending:
        product = products.get(item["product"])
        if product is None:
            continue
        try:
            _add_stored(user, check_cart_line(product, item["quantity"], bool(item.get("sample"))))
        except CheckoutError as error:
            _taken_out(request, product, error)
