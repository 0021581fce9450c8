"""What the catalog adds to the core's pages: its links in the header (see marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav", "catalog/includes/nav.html", order=10)
    slots.register("header.nav.member", "catalog/includes/nav_sell.html", order=30)
    # catalog.members: links to members and artisans, and who manages an artisan's storefront.
    slots.register("sell.nav", "catalog/sell/members/sell_nav.html", order=50)
    slots.register("storefront.actions", "catalog/sell/members/managed_by.html", order=5)
