"""Stripe's processing fee on a card payment, booked as its own balanced ledger movement.

The platform is the merchant of record and absorbs the fee: it is the platform's expense (stripe_fees debited,
cash credited), never taken from escrow or a supplier's payable. Stripe reports it on the charge's balance
transaction (`fee`, `net`, `currency`), which a `charge.*` event may carry or we retrieve through our Stripe
module. The posting's reference is the balance transaction, so however often and in whatever order Stripe
tells us, the fee is booked once. When Stripe has no fee to tell (the balance transaction is not made yet,
Stripe is unreachable, or the stand-in reports a zero fee), nothing is posted, the reason is logged, and the
payment stays paid; a later `charge.updated` event or retrieve books it.
"""

import logging
from decimal import Decimal

from marketplace.money import CURRENCIES, Money, quantize

from ..ledger import book
from ..models import Account, LedgerTransaction, Payment
from . import stripe_gateway

log = logging.getLogger(__name__)


def needs_stripe_for_fee(charge) -> bool:
    """False when `charge` (a Stripe charge dict) already says all there is about its fee (its balance
    transaction expanded, or none yet), so booking it needs no call to Stripe and may run inside the
    webhook's transaction; True when the charge or its balance transaction is only named by id."""
    return not isinstance(charge, dict) or isinstance(charge.get("balance_transaction"), str)


def record_fee_from_charge(payment, charge=None, *, raise_when_unreachable=False):
    """Book the Stripe fee of `payment`'s charge; returns the posting or None.

    `charge` is the charge as Stripe sent it (a dict, its balance transaction expanded or named by id), its
    id, or None (the payment's own charge id is used). What is missing is retrieved from Stripe: the charge
    with `expand=["balance_transaction"]`, or the balance transaction by id. Never raises for Stripe's sake,
    unless `raise_when_unreachable` (the task that fetches it, orders.payments.tasks, tries again later).
    """
    try:
        if not isinstance(charge, dict):
            charge_id = charge or Payment.objects.get(pk=payment.pk).charge_id
            if not charge_id:
                log.info("No fee booked for payment %s: Stripe has not named its charge yet", payment.pk)
                return None
            charge = stripe_gateway.retrieve_charge_with_balance_transaction(charge_id)
        balance_transaction = charge.get("balance_transaction")
        if isinstance(balance_transaction, str):
            balance_transaction = stripe_gateway.retrieve_balance_transaction(balance_transaction)
    except stripe_gateway.GatewayError as error:
        log.warning("No fee booked for payment %s: Stripe did not answer (%s)", payment.pk, error)
        if raise_when_unreachable:
            raise
        return None
    if not balance_transaction:
        log.info("No fee booked for payment %s: its balance transaction does not exist yet", payment.pk)
        return None
    return record_stripe_fee(payment, balance_transaction)


def fee_reference(charge):
    """What a task needs of `charge` (as `record_fee_from_charge` takes it) to fetch its fee later: its id, or
    its id and balance transaction id, never the rest of what Stripe sent (the card's details)."""
    if not isinstance(charge, dict):
        return charge
    balance_transaction = charge.get("balance_transaction")
    if isinstance(balance_transaction, dict):
        balance_transaction = balance_transaction.get("id")
    return {"id": charge.get("id"), "balance_transaction": balance_transaction}


def record_stripe_fee(payment, balance_transaction: dict):
    """Post the fee of `balance_transaction` (Stripe's object, a dict) for `payment` in the order's currency.

    Returns the LedgerTransaction, or None when there is nothing to post: a zero fee, a payment not booked as
    succeeded, a balance transaction of another charge, or a settlement currency we cannot convert exactly.
    Idempotent per balance transaction id.
    """
    payment = Payment.objects.select_related("order").get(pk=payment.pk)
    order = payment.order
    if payment.status != Payment.Status.SUCCEEDED:
        log.info("No fee booked for payment %s: it is not booked as succeeded", payment.pk)
        return None
    source = balance_transaction.get("source")
    source_id = source.get("id") if isinstance(source, dict) else source
    if payment.charge_id and source_id and source_id != payment.charge_id:
        log.warning(
            "Balance transaction %s is of %s, not of payment %s's charge %s",
            balance_transaction.get("id"),
            source_id,
            payment.pk,
            payment.charge_id,
        )
        return None
    fee = _fee_in(balance_transaction, order.currency)
    if fee is None:
        return None
    if fee.amount <= 0:
        log.info("No fee booked for payment %s: Stripe reports a fee of %s", payment.pk, fee)
        return None
    txn, _created = book.post(
        kind=LedgerTransaction.Kind.FEE,
        reference=f"stripe-fee:{balance_transaction['id']}",
        currency=order.currency,
        order=order,
        legs=[book.Leg(Account.STRIPE_FEES, fee.amount), book.Leg(Account.CASH, -fee.amount)],
        memo=_memo(balance_transaction, fee, order),
    )
    return txn


def _fee_in(balance_transaction, currency) -> Money | None:
    """The fee in `currency` (the order's), converted at Stripe's own rate when Stripe settled in another."""
    settled_in = (balance_transaction.get("currency") or "").upper()
    if settled_in not in CURRENCIES:
        log.warning(
            "Balance transaction %s is in %r, which the ledger does not keep; fee not booked",
            balance_transaction.get("id"),
            settled_in,
        )
        return None
    fee = Money.from_minor_units(balance_transaction.get("fee") or 0, settled_in)
    if settled_in == currency:
        return fee
    rate = balance_transaction.get("exchange_rate")
    if not rate:
        log.warning(
            "Balance transaction %s settled in %s without an exchange rate; fee not booked",
            balance_transaction.get("id"),
            settled_in,
        )
        return None
    # Stripe: an amount in the charge's currency times exchange_rate is the amount in the settlement currency.
    # The rate arrives as a JSON number; its decimal text (str) is the exact figure Stripe sent.
    return Money(quantize(fee.amount / Decimal(str(rate)), currency), currency)


def _memo(balance_transaction, fee, order):
    settled_in = (balance_transaction.get("currency") or "").upper()
    memo = f"Stripe fee {fee} on order {order.pk}"
    if settled_in != order.currency:
        original = Money.from_minor_units(balance_transaction.get("fee") or 0, settled_in)
        memo += f" (charged as {original} at {balance_transaction.get('exchange_rate')})"
    return memo
