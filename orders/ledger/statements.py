"""The ledger as a supplier reads it on their balance page: what each order paid, refunded, cost in
commission, released and still holds, every figure a positive amount in the order's currency (no debit/credit
signs)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from marketplace.money import Money, quantize

from ..models import Account, LedgerEntry, LedgerTransaction, PayoutItem

K = LedgerTransaction.Kind
FIGURES = ("paid", "refunded", "commission", "released", "held", "to_lender")


@dataclass(frozen=True)
class OrderStatement:
    order_id: int
    currency: str
    paid: Money  # the buyer's payment for this supplier's part, taken into escrow
    refunded: Money  # given back to the buyer (from escrow, or from released money)
    commission: Money  # kept by the platform on release
    released: Money  # moved to the supplier's balance, net of commission
    held: Money  # still in escrow
    to_lender: Money  # repaid from the release to the supplier's lender (an advance), before "released"

    @property
    def figures(self):
        return (self.paid, self.refunded, self.commission, self.released, self.held)


def order_statements(supplier, limit=100) -> list[OrderStatement]:
    """The supplier's `limit` latest orders with money movements, newest first. One query."""
    rows = (
        LedgerEntry.objects.filter(supplier=supplier, order__isnull=False)
        .values("order", "currency", "account", "transaction__kind")
        .annotate(total=Sum("amount"))
    )
    sums = {}
    for row in rows:
        key = (row["order"], row["currency"])
        figures = sums.setdefault(key, dict.fromkeys(FIGURES, Decimal("0")))
        amount = quantize(row["total"], row["currency"])
        account, kind = row["account"], row["transaction__kind"]
        if account == Account.ESCROW:
            figures["held"] -= amount
            if kind == K.CHARGE:
                figures["paid"] -= amount
        if kind == K.REFUND and account in (Account.ESCROW, Account.SUPPLIER_PAYABLE):
            figures["refunded"] += amount
        if kind == K.RELEASE and account == Account.SUPPLIER_PAYABLE:
            figures["released"] -= amount
        if kind == K.RELEASE and account == Account.LENDER_PAYABLE:
            figures["to_lender"] -= amount
        if kind == K.RELEASE and account == Account.COMMISSION:
            figures["commission"] -= amount
    latest = sorted(sums, key=lambda key: key[0], reverse=True)[:limit]
    return [
        OrderStatement(
            order_id=order_id,
            currency=currency,
            **{name: Money(value, currency) for name, value in sums[(order_id, currency)].items()},
        )
        for order_id, currency in latest
    ]


def payouts(supplier, limit=50):
    """The supplier's payouts, newest first: being sent, or paid (with the date)."""
    return (
        PayoutItem.objects.filter(supplier=supplier)
        .select_related("batch")
        .order_by("-batch__created_at", "-pk")[:limit]
    )
