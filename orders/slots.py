"""What orders adds to the pages of the layers below: the header's links, the product page's cart and sample
forms, the seller dashboard's links (see marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav.member", "orders/includes/nav.html", order=20)
    slots.register("header.nav.member", "orders/includes/nav_operations.html", order=40)
    slots.register("product.actions", "orders/includes/add_to_cart.html", order=10)
    slots.register("sell.nav", "orders/includes/sell_nav.html", order=20)
