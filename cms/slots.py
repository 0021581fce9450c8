"""What the cms adds to the core's pages: its links in the header and the footer (see marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav", "cms/includes/nav.html", order=20)
    # The curators' own choice of pages (About, Contact…), after the apps' links.
    slots.register("header.nav", "cms/includes/nav_pages.html", order=90)
    slots.register("footer.links", "cms/includes/footer_links.html", order=10)
    # The storefront editor (cms/storefront_editing), among the seller's links.
    slots.register("sell.nav", "cms/storefront_editing/nav.html", order=40)
