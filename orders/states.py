"""The life of an order, of each supplier's part and of a dispute, as data: {to_state: {allowed from_states}}.

Every state change of these rows goes through `marketplace.workflow.transition` with one of these tables.
"""

from marketplace.workflow import TransitionError, transition

from .models import Dispute, Fulfilment, Order

S = Order.State
ORDER_TRANSITIONS = {
    S.PAID: {S.AWAITING_PAYMENT},
    S.IN_PRODUCTION: {S.PAID},
    S.SHIPPED: {S.PAID, S.IN_PRODUCTION},
    S.DELIVERED: {S.SHIPPED},
    S.COMPLETED: {S.SHIPPED, S.DELIVERED, S.DISPUTED},
    S.DISPUTED: {S.PAID, S.IN_PRODUCTION, S.SHIPPED, S.DELIVERED},
    S.CANCELLED: {S.AWAITING_PAYMENT},
    S.REFUNDED: {S.PAID, S.IN_PRODUCTION, S.SHIPPED, S.DELIVERED, S.DISPUTED},
}

# States in which the buyer's money has been captured and is (at least partly) held or released.
PAID_STATES = {S.PAID, S.IN_PRODUCTION, S.SHIPPED, S.DELIVERED, S.COMPLETED, S.DISPUTED, S.REFUNDED}
# States in which captured money may be refunded: a cancelled order can hold a payment that succeeded late.
REFUNDABLE_STATES = PAID_STATES | {S.CANCELLED}

F = Fulfilment.State
FULFILMENT_TRANSITIONS = {
    F.ACCEPTED: {F.PENDING},
    F.DECLINED: {F.PENDING, F.ACCEPTED},
    F.SHIPPED: {F.ACCEPTED},
    F.DELIVERED: {F.SHIPPED},
}

DISPUTE_TRANSITIONS = {Dispute.State.RESOLVED: {Dispute.State.OPEN}}


def advance(order_pk, to, actor=None, note="") -> bool:
    """Move an order forward if its state allows it; a later state already reached is left alone.

    For Stripe's news, which may arrive late or twice: True when the order moved.
    """
    try:
        return transition(Order, order_pk, to, ORDER_TRANSITIONS, actor=actor, note=note).changed
    except TransitionError:
        return False
