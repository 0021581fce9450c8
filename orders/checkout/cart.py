"""The buyer's cart, kept in the session as [{product slug, quantity, sample}]; prices are read fresh."""

from catalog.models import Product

from .ordering import CartLine

SESSION_KEY = "cart"


def items(request):
    return list(request.session.get(SESSION_KEY, []))


def add(request, line: CartLine):
    """Add a checked line; the same product (and sample flag) adds up, a sample stays quantity 1."""
    current = items(request)
    for item in current:
        if item["product"] == line.product.slug and item["sample"] == line.is_sample:
            if not line.is_sample:
                item["quantity"] += line.quantity
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


def lines(request) -> list[CartLine]:
    """The cart's lines with their products (one query plus tier prefetch); vanished products drop out."""
    stored = items(request)
    products = {
        p.slug: p
        for p in Product.objects.visible()
        .filter(slug__in=[i["product"] for i in stored])
        .select_related("supplier")
        .prefetch_related("price_tiers")
    }
    return [
        CartLine(products[i["product"]], i["quantity"], i["sample"])
        for i in stored
        if i["product"] in products
    ]
