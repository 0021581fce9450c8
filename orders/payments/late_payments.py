"""A card payment that succeeds after its order was cancelled goes back to the buyer in full, automatically.

Why automatically rather than on an operator's decision: a cancelled order has given its reserved stock back
(another buyer may have it by now), its suppliers never saw it (they only see paid orders), and its buyer was
told it is cancelled. Nobody is owed goods for this money, so the only right outcome is the buyer's money
back, and waiting for a person only keeps a customer's money without reason. Reviving the order instead would
risk overselling stock already given to someone else.

It is safe in this design because the refund goes through `refund_order`: its Refund row is created under the
order's row lock before Stripe is called, that row's id is the idempotency key, and no more than the order
still holds in escrow can be refunded, so webhook replays, two events for the same payment and the operator's
button cannot refund twice. The ledger stays balanced: the late charge is booked into escrow like any other
and the refund takes it back out (Stripe's fee, if any, stays the platform's cost).

It should be rare: cancelling an order cancels its PaymentIntents at Stripe first (`cancellation.py`). When
Stripe does not answer the refund, the Refund stays "requested" and the order is listed in the operators' back
office (orders/backoffice/) with a one-click refund that sends the same request again.
"""

import logging

from django.db.models import Sum
from django.utils.translation import gettext as _

from marketplace.money import Money, quantize
from marketplace.workflow import TransitionError

from ..ledger import book
from ..models import Account, LedgerEntry, Order, Refund
from .errors import PaymentError
from .refunds import refund_order, retry_refund

log = logging.getLogger(__name__)

REASON = "paid after the order was cancelled"


def refund_late_payment(order, actor=None) -> Refund | None:
    """Refund in full what a cancelled order still holds; None when it holds nothing or is not cancelled.

    `actor` None is the system (the webhook's follow-up); a person must be an operator. A refund left
    "requested" by an outage is sent again with its own idempotency key. Raises PaymentError when Stripe does
    not answer (the order then stays listed for operators).
    """
    if actor is not None and not getattr(actor, "is_operator", False):
        raise TransitionError(_("Only operators may do this."), code="not_operator")
    order = Order.objects.get(pk=order.pk)
    if order.state != Order.State.CANCELLED:
        return None
    requested = order.refunds.filter(status=Refund.Status.REQUESTED).order_by("pk").first()
    if requested is not None:
        return retry_refund(requested, actor)
    held = book.held_in_escrow(order)
    if held <= 0:
        return None
    try:
        return refund_order(order, Money(held, order.currency), actor, reason=REASON)
    except PaymentError as error:
        if error.code in ("above_captured", "above_held"):
            return None  # a concurrent delivery's refund took the money first
        raise


def refund_if_cancelled(order_pk):
    """The webhook's follow-up once a payment is booked: refund it if its order was cancelled. Logs, never
    raises for Stripe's sake (what Stripe did not refund is listed for operators)."""
    try:
        refund = refund_late_payment(Order(pk=order_pk))
    except PaymentError as error:
        log.warning("Late payment on cancelled order %s not refunded yet: %s", order_pk, error.message)
        return None
    if refund is not None:
        log.info("Late payment on cancelled order %s refunded: %s", order_pk, refund)
    return refund


def cancelled_orders_holding_money():
    """Cancelled orders whose escrow still holds a payment, for the operators' list: dicts with the order,
    what is held (Money) and whether a refund was asked of Stripe without an answer yet."""
    rows = (
        LedgerEntry.objects.filter(account=Account.ESCROW, order__state=Order.State.CANCELLED)
        .values("order", "currency")
        .annotate(total=Sum("amount"))
    )
    held = {
        row["order"]: Money(-quantize(row["total"], row["currency"]), row["currency"])
        for row in rows
        if quantize(row["total"], row["currency"]) < 0
    }
    orders = Order.objects.filter(pk__in=held).select_related("buyer").order_by("pk")
    requested = set(
        Refund.objects.filter(order__in=held, status=Refund.Status.REQUESTED).values_list("order", flat=True)
    )
    return [{"order": o, "held": held[o.pk], "refund_requested": o.pk in requested} for o in orders]
