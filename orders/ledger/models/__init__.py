"""The ledger's models: accounts and balanced transactions, commission rates, payout details and batches."""

from .commission import CategoryCommission
from .ledger import Account, LedgerEntry, LedgerTransaction
from .payout import PayoutAccount, PayoutBatch, PayoutItem, Rail

__all__ = [
    "Account",
    "CategoryCommission",
    "LedgerEntry",
    "LedgerTransaction",
    "PayoutAccount",
    "PayoutBatch",
    "PayoutItem",
    "Rail",
]
