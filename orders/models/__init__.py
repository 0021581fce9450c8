"""Every model of the orders app, registered here (Django loads `orders.models`); import them from here.

The order's own life is defined in this package (orders, their supplier parts and lines, disputes); the other
models live with the concern that owns them: `orders.checkout` (stock reservations), `orders.payments`
(Stripe payments, refunds, webhook events) and `orders.ledger` (ledger, commission rates, payouts). All keep
the `orders` app label and their tables.
"""

from orders.checkout.models import CartItem, StockReservation
from orders.financing.models import Advance, Lender, LenderOfficer
from orders.ledger.models import (
    Account,
    CategoryCommission,
    LedgerEntry,
    LedgerTransaction,
    PayoutAccount,
    PayoutBatch,
    PayoutItem,
)
from orders.payments.models import Payment, Refund, WebhookEvent

from .dispute import Dispute, DisputePhoto
from .order import Fulfilment, Order, OrderLine

__all__ = [
    "Account",
    "Advance",
    "CartItem",
    "CategoryCommission",
    "Dispute",
    "DisputePhoto",
    "Fulfilment",
    "LedgerEntry",
    "LedgerTransaction",
    "Lender",
    "LenderOfficer",
    "Order",
    "OrderLine",
    "Payment",
    "PayoutAccount",
    "PayoutBatch",
    "PayoutItem",
    "Refund",
    "StockReservation",
    "WebhookEvent",
]
