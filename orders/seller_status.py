"""What a supplier's part of an order is at, in the supplier's words, on /sell/orders/: one label from the
order's state and the part's (the order's states speak of the buyer's payment, the part's of the
supplier's work)."""

from django.utils.translation import gettext_lazy as _

from .models import Fulfilment, Order

S = Order.State
F = Fulfilment.State

# The order's state decides while it is not about this supplier's work: before payment, after a refund, or
# while a dispute holds everything.
_BY_ORDER = {
    S.AWAITING_PAYMENT: _("Awaiting payment"),
    S.CANCELLED: _("Cancelled"),
    S.REFUNDED: _("Refunded"),
    S.DISPUTED: _("Disputed"),
}
_BY_PART = {
    F.PENDING: _("Paid"),
    F.ACCEPTED: _("To ship"),
    F.DECLINED: _("Declined"),
    F.SHIPPED: _("Shipped"),
    F.DELIVERED: _("Delivered"),
}
# Orders whose parts the supplier may accept, decline or ship (orders.lifecycle refuses the others).
ACTIONABLE_ORDER_STATES = {S.PAID, S.IN_PRODUCTION}


def status_label(fulfilment) -> str:
    return _BY_ORDER.get(fulfilment.order.state) or _BY_PART[fulfilment.state]
