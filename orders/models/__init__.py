"""Models of the orders app, one module per concern; import them from here."""

from .ledger import Account, LedgerEntry, LedgerTransaction
from .order import Fulfilment, Order, OrderLine
from .payment import (
    CategoryCommission,
    Dispute,
    DisputePhoto,
    Payment,
    Refund,
    StockReservation,
    WebhookEvent,
)
from .payout import PayoutAccount, PayoutBatch, PayoutItem

__all__ = [
    "Account",
    "CategoryCommission",
    "Dispute",
    "DisputePhoto",
    "Fulfilment",
    "LedgerEntry",
    "LedgerTransaction",
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
