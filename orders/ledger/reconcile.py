"""Proof that the ledger holds together; used by `manage.py check_ledger` and the tests."""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from marketplace.money import CURRENCIES, quantize

from ..models import Account, LedgerEntry, LedgerTransaction, Order, Payment, Refund
from ..states import PAID_STATES
from . import book

# SQLite sums decimals as floats: a balanced transaction may sum to 1e-14, never to half a cent.
HALF_A_MINOR_UNIT = Decimal(1).scaleb(-max(CURRENCIES.values())) / 2


def ledger_problems() -> list[str]:
    """Every way the ledger disagrees with itself or with our records; an empty list means it reconciles.

    Checks: each transaction sums to zero in one currency; no account has the wrong sign (escrow, payables,
    payouts in transit never owe the other way); each order's cash equals succeeded payments minus succeeded
    refunds; every paid order has its charge posting; each order's escrow plus released and refunded money
    equals what was captured; Stripe fees are never negative and are the only cash an order loses besides
    its refunds (cash = payments - refunds - fees).
    """
    problems = []
    unbalanced = (
        LedgerTransaction.objects.annotate(
            total=Sum("entries__amount"),
            currencies=Count("entries__currency", distinct=True),
            wrong_currency=Count("entries", filter=~Q(entries__currency=F("currency"))),
        )
        .filter(
            ~Q(total__gt=-HALF_A_MINOR_UNIT, total__lt=HALF_A_MINOR_UNIT)
            | ~Q(currencies=1)
            | Q(wrong_currency__gt=0)
            | Q(total__isnull=True)
        )
        .values_list("reference", flat=True)
    )
    problems += [f"transaction {ref} does not balance to zero in one currency" for ref in unbalanced]

    sums = LedgerEntry.objects.values("account", "supplier", "order", "currency").annotate(
        total=Sum("amount")
    )
    for row in sums:
        row["total"] = quantize(row["total"], row["currency"])
        if row["account"] in (Account.ESCROW, Account.PAYOUT_IN_TRANSIT) and row["total"] > 0:
            problems.append(
                f"{row['account']} of order {row['order']} supplier {row['supplier']} is negative"
            )
        if row["account"] == Account.STRIPE_FEES and row["total"] < 0:
            problems.append(f"stripe fees of order {row['order']} are negative")
    payables = LedgerEntry.objects.filter(account=Account.SUPPLIER_PAYABLE).values("supplier", "currency")
    for row in payables.annotate(total=Sum("amount")):
        row["total"] = quantize(row["total"], row["currency"])
        if row["total"] > 0:
            problems.append(f"supplier {row['supplier']} owes the platform {row['total']} {row['currency']}")

    orders = Order.objects.filter(
        Q(state__in=PAID_STATES) | Q(payments__status=Payment.Status.SUCCEEDED)
    ).distinct()
    for order in orders:
        charged = LedgerTransaction.objects.filter(order=order, kind=LedgerTransaction.Kind.CHARGE).exists()
        if not charged:
            problems.append(f"order {order.pk} is {order.state} without a charge posting")
            continue
        cash = _sum(order.currency, account=Account.CASH, order=order)
        paid = _sum_model(Payment, order=order, status=Payment.Status.SUCCEEDED)
        refunded = _sum_model(Refund, order=order, status=Refund.Status.SUCCEEDED)
        fees = _sum(order.currency, account=Account.STRIPE_FEES, order=order)
        if cash != paid - refunded - fees:
            problems.append(
                f"order {order.pk}: cash {cash} != payments {paid} - refunds {refunded} - fees {fees}"
            )
    return problems


def _sum(currency, **filters) -> Decimal:
    return book.total(LedgerEntry.objects.filter(currency=currency, **filters), currency)


def _sum_model(model, **filters) -> Decimal:
    return model.objects.filter(**filters).aggregate(t=Sum("amount"))["t"] or Decimal("0")
