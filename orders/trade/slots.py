"""What the trade flows add to other apps' pages: inquiry, RFQ and capacity links, the header's and the seller
dashboard's links, and the supplier card's responsiveness figures (see marketplace.slots)."""

from marketplace import slots

from .services.responsiveness import responsiveness


def responsiveness_figures(context):
    """What trade/includes/responsiveness.html shows of `supplier`, for the key of a fragment holding it: the
    same cached call as the template's, so a warm page runs no query for it."""
    figures = responsiveness(context["supplier"].pk)
    return figures["rate"], figures["median_hours"]


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav.member", "trade/includes/nav.html", order=10)
    slots.register("header.nav.member", "trade/includes/nav_waiting.html", order=35)
    slots.register("product.actions", "trade/includes/contact_supplier.html", order=20)
    slots.register(
        "supplier.card", "trade/includes/responsiveness.html", order=10, vary_on=responsiveness_figures
    )
    slots.register("storefront.actions", "trade/includes/storefront_inquiry.html", order=10)
    slots.register("cluster.actions", "trade/includes/cluster_capacity.html", order=10)
    slots.register("sell.nav", "trade/includes/sell_nav.html", order=10)
    slots.register("sell.nav", "trade/includes/sell_nav_leads.html", order=15)
    slots.register("sell.nav", "trade/includes/sell_nav_inbox.html", order=30)
    slots.register("sell.nav", "trade/includes/sell_nav_lead_capture.html", order=35)
    slots.register("sell.numbers", "trade/includes/sell_numbers.html", order=10)
