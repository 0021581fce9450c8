"""What buyers and suppliers do to an order after checkout, one service function each.

Every change goes through `marketplace.workflow.transition` (row lock, allowed-states table, audit record,
idempotent). Money moves are delegated: a declined part is refunded (`payments.refunds`), a delivered order's
escrow is released (`book.escrow`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import Money
from marketplace.workflow import TransitionError, transition

from .access import require_buyer, require_member
from .checkout.ordering import give_back_stock
from .ledger import book
from .ledger.escrow import release_order
from .models import Fulfilment, Order, StockReservation
from .payments.refunds import refund_order
from .states import FULFILMENT_TRANSITIONS, ORDER_TRANSITIONS

S = Order.State
F = Fulfilment.State


def _order_follows(order_pk, actor):
    """Move the order forward once every live (not declined) part has reached a step."""
    order = Order.objects.get(pk=order_pk)
    states = [f.state for f in order.fulfilments.all() if f.state != F.DECLINED]
    if not states:
        return
    if all(s in (F.SHIPPED, F.DELIVERED) for s in states) and order.state in ORDER_TRANSITIONS[S.SHIPPED]:
        transition(Order, order.pk, S.SHIPPED, ORDER_TRANSITIONS, actor=actor, note="every part shipped")
    elif all(s != F.PENDING for s in states) and order.state == S.PAID:
        transition(
            Order, order.pk, S.IN_PRODUCTION, ORDER_TRANSITIONS, actor=actor, note="every part accepted"
        )


def accept_fulfilment(fulfilment, actor):
    """The supplier takes on their part of a paid order. Idempotent."""
    require_member(fulfilment, actor)
    if fulfilment.order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be accepted."), code="not_paid")
    with transaction.atomic():
        result = transition(Fulfilment, fulfilment.pk, F.ACCEPTED, FULFILMENT_TRANSITIONS, actor=actor)
        _order_follows(fulfilment.order_id, actor)
    return result


def decline_fulfilment(fulfilment, actor, reason=""):
    """The supplier declines their part: what is held for it goes back to the buyer's card."""
    require_member(fulfilment, actor)
    order = fulfilment.order
    if order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be declined."), code="not_paid")
    result = transition(
        Fulfilment, fulfilment.pk, F.DECLINED, FULFILMENT_TRANSITIONS, actor=actor, note=reason
    )
    if result.changed:
        held = book.held_in_escrow(order, fulfilment.supplier)
        if held > 0:
            refund_order(order, Money(held, order.currency), actor, fulfilment=fulfilment, reason="declined")
        _release_stock(fulfilment)
        _order_follows(order.pk, actor)
    return result


def ship_fulfilment(fulfilment, actor, *, carrier, tracking_number):
    """The supplier hands their part to a carrier; the escrow clock for auto-release starts now."""
    require_member(fulfilment, actor)
    if fulfilment.order.state == S.DISPUTED:
        raise TransitionError(_("This order is disputed."), code="disputed")
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not carrier or not tracking_number:
        raise TransitionError(_("Enter the carrier and the tracking number."), code="missing_tracking")

    def apply(obj):
        obj.carrier, obj.tracking_number, obj.shipped_at = (
            carrier[:100],
            tracking_number[:100],
            timezone.now(),
        )

    with transaction.atomic():
        result = transition(
            Fulfilment, fulfilment.pk, F.SHIPPED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
        )
        _order_follows(fulfilment.order_id, actor)
    return result


def confirm_delivery(order, actor):
    """The buyer confirms delivery: every shipped part is delivered and its escrow released. Idempotent."""
    require_buyer(order, actor)
    with transaction.atomic():
        result = transition(Order, order.pk, S.DELIVERED, ORDER_TRANSITIONS, actor=actor)
        for fulfilment in order.fulfilments.filter(state=F.SHIPPED):

            def apply(obj):
                obj.delivered_at = timezone.now()

            transition(
                Fulfilment, fulfilment.pk, F.DELIVERED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
            )
        release_order(order.pk, actor, note="buyer confirmed delivery")
    return result


def _release_stock(fulfilment):
    for reservation in StockReservation.objects.filter(line__fulfilment=fulfilment, released=False):
        give_back_stock(reservation)
