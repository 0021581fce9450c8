"""The life of an order and of each supplier's part, as data: {to_state: {allowed from_states}}."""

from ..models import Fulfilment, Order

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
