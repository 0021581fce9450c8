"""The book: posting balanced transactions to the double-entry ledger and reading balances (always sums of
entries, never stored numbers)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from marketplace.money import Money, quantize

from .models import Account, LedgerEntry, LedgerTransaction


class LedgerError(Exception):
    pass


@dataclass(frozen=True)
class Leg:
    account: str
    amount: Decimal
    supplier: object = None
    order: object = None
    lender: object = None  # the advance accounts' legs (orders.financing) name whose money it is


def post(*, kind, reference, currency, legs, order=None, memo=""):
    """Post one balanced transaction; returns (transaction, created).

    Idempotent per `reference`: posting the same cause again returns the existing transaction and changes
    nothing. Refuses (LedgerError) legs that do not sum to zero or carry more precision than the currency.
    """
    legs = [leg for leg in legs if leg.amount != 0]
    if not legs:
        raise LedgerError("A transaction needs at least one non-zero leg")
    for leg in legs:
        if quantize(leg.amount, currency) != leg.amount:
            raise LedgerError(f"{leg.amount} has more precision than {currency}")
    if sum((leg.amount for leg in legs), Decimal("0")) != 0:
        raise LedgerError(f"Unbalanced transaction {reference}: {legs}")
    existing = LedgerTransaction.objects.filter(reference=reference).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            txn = LedgerTransaction.objects.create(
                kind=kind, reference=reference, currency=currency, order=order, memo=memo[:200]
            )
            LedgerEntry.objects.bulk_create(
                LedgerEntry(
                    transaction=txn,
                    account=leg.account,
                    supplier=leg.supplier,
                    order=leg.order or order,
                    lender=leg.lender,
                    currency=currency,
                    amount=leg.amount,
                )
                for leg in legs
            )
    except IntegrityError:
        # A concurrent delivery of the same cause won the race; theirs is the posting.
        return LedgerTransaction.objects.get(reference=reference), False
    return txn, True


def total(entries, currency) -> Decimal:
    """The sum of `entries`' amounts, exact to the currency's minor unit. SQLite sums decimals as floats
    (121.07 - 125 gives -3.93000000000001); entries are exact to the cent, so rounding restores the sum."""
    return quantize(entries.aggregate(total=Sum("amount"))["total"] or Decimal("0"), currency)


def balance(account, *, currency, supplier=None, order=None) -> Decimal:
    """The balance (debits minus credits) of an account, optionally for one supplier and/or order."""
    entries = LedgerEntry.objects.filter(account=account, currency=currency)
    if supplier is not None:
        entries = entries.filter(supplier=supplier)
    if order is not None:
        entries = entries.filter(order=order)
    return total(entries, currency)


def net_captured(order) -> Decimal:
    """What the buyer's card paid on `order` minus what went back to it: the cash of its charge and refund
    postings. Stripe's fee is the platform's own cost, so it never lowers what the buyer can get back."""
    entries = LedgerEntry.objects.filter(account=Account.CASH, currency=order.currency, order=order).exclude(
        transaction__kind=LedgerTransaction.Kind.FEE
    )
    return total(entries, order.currency)


def account_totals():
    """Every account's balance per currency (debits minus credits) as (account, Money), currency first."""
    rows = (
        LedgerEntry.objects.values("currency", "account")
        .annotate(total=Sum("amount"))
        .order_by("currency", "account")
    )
    return [(Account(row["account"]), Money(row["total"], row["currency"]).rounded()) for row in rows]


def held_in_escrow(order, supplier=None) -> Decimal:
    """Money of `order` still held (positive number)."""
    return -balance(Account.ESCROW, currency=order.currency, order=order, supplier=supplier)


def supplier_balances(supplier):
    """Per currency: held in escrow, available (owed, unbatched), in a payout, paid out, and what the supplier
    owes partner lenders on advances not yet repaid from escrow (orders.financing); as Money."""
    rows = (
        LedgerEntry.objects.filter(supplier=supplier)
        .values("account", "currency", "transaction__kind")
        .annotate(total=Sum("amount"))
    )
    result = {}
    for row in rows:
        currency = row["currency"]
        figures = result.setdefault(
            currency,
            {
                name: Decimal("0")
                for name in ("held", "available", "in_transit", "paid_out", "owed_to_lenders")
            },
        )
        amount = quantize(row["total"], currency)
        if row["account"] == Account.ESCROW:
            figures["held"] -= amount
        elif row["account"] == Account.SUPPLIER_PAYABLE:
            figures["available"] -= amount
        elif row["account"] == Account.ADVANCE_DUE:
            figures["owed_to_lenders"] += amount
        elif row["account"] == Account.PAYOUT_IN_TRANSIT:
            figures["in_transit"] -= amount
            if row["transaction__kind"] == LedgerTransaction.Kind.PAYOUT_SETTLED:
                figures["paid_out"] += amount
    return {
        currency: {name: Money(value, currency) for name, value in figures.items()}
        for currency, figures in sorted(result.items())
    }
