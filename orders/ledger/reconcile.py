"""Proof that the ledger holds together; used by `manage.py check_ledger` and the tests."""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from marketplace.money import CURRENCIES, quantize

from ..models import Account, Advance, LedgerEntry, LedgerTransaction, Order, Payment, Refund
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
    its refunds (cash = payments - refunds - fees). Lender accounts: see `advance_problems`.
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
    return problems + advance_problems()


def advance_problems() -> list[str]:
    """The lender accounts (orders.financing): ADVANCE_DUE is never negative per advance (nobody repays more
    than is due) and always mirrors LENDER_FUNDING; LENDER_PAYABLE is never positive per lender (the platform
    never pays a lender more than it owes); each disbursed advance has its posting, and what the advance says
    was repaid is what the ledger repaid, never more than the advance and its fee."""
    problems = []
    advance_accounts = (Account.ADVANCE_DUE, Account.LENDER_FUNDING)
    rows = (
        LedgerEntry.objects.filter(account__in=advance_accounts)
        .values("order", "supplier", "lender", "currency")
        .annotate(
            due=Sum("amount", filter=Q(account=Account.ADVANCE_DUE)),
            both=Sum("amount"),
        )
    )
    for row in rows:
        key = f"order {row['order']} supplier {row['supplier']} lender {row['lender']}"
        if quantize(row["due"] or Decimal("0"), row["currency"]) < 0:
            problems.append(f"advance due on {key} is negative")
        if quantize(row["both"], row["currency"]) != 0:
            problems.append(f"advance due and lender funding of {key} do not mirror each other")
    payable = LedgerEntry.objects.filter(account=Account.LENDER_PAYABLE).values("lender", "currency")
    for row in payable.annotate(total=Sum("amount")):
        if quantize(row["total"], row["currency"]) > 0:
            problems.append(f"lender {row['lender']} was paid more than it was owed in {row['currency']}")

    booked = set(
        LedgerTransaction.objects.filter(kind=LedgerTransaction.Kind.ADVANCE).values_list(
            "reference", flat=True
        )
    )
    repaid = {
        (row["order"], row["supplier"], row["lender"]): quantize(-row["total"], row["currency"])
        for row in LedgerEntry.objects.filter(
            account=Account.LENDER_PAYABLE, transaction__kind=LedgerTransaction.Kind.RELEASE
        )
        .values("order", "supplier", "lender", "currency")
        .annotate(total=Sum("amount"))
    }
    for advance in Advance.objects.filter(state__in=[Advance.State.DISBURSED, Advance.State.REPAID]):
        if f"advance:{advance.pk}" not in booked:
            problems.append(f"advance {advance.pk} is {advance.state} without its posting")
        in_ledger = repaid.get((advance.order_id, advance.supplier_id, advance.lender_id), Decimal("0"))
        if in_ledger != advance.repaid_amount:
            problems.append(
                f"advance {advance.pk} says {advance.repaid_amount} repaid, the ledger {in_ledger}"
            )
        if advance.repaid_amount > (advance.approved_amount or 0) + advance.fee_amount:
            problems.append(f"advance {advance.pk} was repaid more than the advance and its fee")
    return problems


def _sum(currency, **filters) -> Decimal:
    return book.total(LedgerEntry.objects.filter(currency=currency, **filters), currency)


def _sum_model(model, **filters) -> Decimal:
    return model.objects.filter(**filters).aggregate(t=Sum("amount"))["t"] or Decimal("0")
