"""Charging an order through a Stripe PaymentIntent, and booking what Stripe says of it.

The order becomes paid only from Stripe's word: a signed webhook or our own server-side retrieve of the
PaymentIntent, never from the browser. Every posting is idempotent on Stripe's ids, so events may arrive
twice or out of order and the state and ledger end the same.

And only for the money it asked for: Stripe's report of what was captured must be exactly the payment's amount
in the payment's currency (which is the order's total when the payment was started). Anything else (1 cent of
74.10, the right figure in another currency, a currency we do not trade in) books nothing: the order stays
awaiting payment, the payment is held "review" with what Stripe reported, the change is audited and logged as
an error, and the payment is listed for operators on /ops/. What happens to the money is an operator's
decision, on purpose not automatic (unlike a late payment on a cancelled order, see late_payments): a
report that cannot come from our own PaymentIntent (we create it for the exact amount, and never capture in
part) is either forged with a leaked webhook secret, and then there is no money and a refund call would act on
a real payment, or the doing of someone with access to our Stripe account; either way a person checks in
Stripe's dashboard and refunds there if money did arrive (the refund event books nothing for a charge we never
booked). Meanwhile the buyer can pay the order again: a payment under review is neither pending nor being
created, so the next Pay starts a new attempt. Later reports on a payment under review book nothing either.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import CURRENCIES, Money
from marketplace.workflow import lock, record

from ..ledger import book
from ..models import Account, Dispute, LedgerTransaction, Order, Payment
from ..states import advance
from . import fees, stripe_gateway
from .errors import PaymentError

log = logging.getLogger(__name__)


def start_payment(order, actor) -> Payment:
    """The Payment (with its PaymentIntent client secret) the buyer's card form confirms.

    Reuses an open intent for the same amount; a previous attempt that never got Stripe's answer (outage,
    timeout) is retried with the same idempotency key, so Stripe returns the intent it may already have made.
    Raises PaymentError if the order is not the actor's, not awaiting payment or has no shipping address yet,
    or Stripe is unreachable
    (the Payment then stays "creating" and the next call retries it).
    """
    if order.buyer_id != getattr(actor, "pk", None):
        raise PaymentError(_("This is not your order."), code="not_yours")
    if not settings.STRIPE_SECRET_KEY:
        # A demo or misconfigured server: say so at once rather than after Stripe's retries time out.
        raise PaymentError(
            _("Card payments are not set up on this server yet. Your order is kept; nothing was charged."),
            code="not_configured",
        )
    total = order.total
    with transaction.atomic():
        order = lock(Order, order.pk)
        if order.state != Order.State.AWAITING_PAYMENT:
            raise PaymentError(_("This order is not waiting for payment."), code="not_awaiting_payment")
        if not (order.shipping_name and order.shipping_address and order.shipping_country):
            # Nothing is paid without somewhere to ship it (an order from a quote or an allocation is made
            # before its address is given): the buyer gives it on the order page first.
            raise PaymentError(
                _("Give a shipping address for this order before paying it."), code="no_shipping_address"
            )
        latest = order.payments.order_by("-attempt").first()
        if latest and latest.amount == total.amount and latest.currency == total.currency:
            if latest.status == Payment.Status.PENDING and latest.client_secret:
                return latest
            reuse = latest if latest.status == Payment.Status.CREATING else None
            if reuse:
                # A retry in flight: cancelling the order must not take this payment for an abandoned one.
                Payment.objects.filter(pk=reuse.pk).update(updated_at=timezone.now())
        else:
            reuse = None
        payment = reuse or Payment.objects.create(
            order=order,
            attempt=(latest.attempt + 1) if latest else 1,
            amount=total.amount,
            currency=total.currency,
        )
    try:
        intent = stripe_gateway.create_payment_intent(payment)
    except stripe_gateway.GatewayError as error:
        payment.failure_message = str(error)[:300]
        payment.save(update_fields=["failure_message", "updated_at"])
        raise PaymentError(
            _("The card payment service did not answer. Nothing was charged; please try again in a minute."),
            code="gateway_unavailable",
        ) from error
    payment.intent_id = intent["id"]
    payment.client_secret = intent["client_secret"]
    payment.status = Payment.Status.PENDING
    payment.failure_message = ""
    payment.save(update_fields=["intent_id", "client_secret", "status", "failure_message", "updated_at"])
    return payment


def sync_payment(payment) -> Payment:
    """Ask Stripe for the intent's current state and apply it (used when the buyer comes back from paying)."""
    if not payment.intent_id:
        return payment
    try:
        intent = stripe_gateway.retrieve_payment_intent(payment.intent_id)
    except stripe_gateway.GatewayError:
        return payment  # the webhook will tell us; the page shows "processing"
    apply_intent(intent)
    payment.refresh_from_db()
    if payment.status == Payment.Status.SUCCEEDED:
        fees.record_fee_from_charge(payment, intent.get("latest_charge"))
    return payment


def apply_intent(intent):
    """Apply a PaymentIntent object (from a webhook or a retrieve) to our Payment; idempotent."""
    payment = Payment.objects.filter(intent_id=intent["id"]).first()
    if payment is None:
        return None
    status = intent["status"]
    charge = intent.get("latest_charge")
    charge_id = charge.get("id") if isinstance(charge, dict) else charge
    if charge_id and not payment.charge_id:
        Payment.objects.filter(pk=payment.pk).update(charge_id=charge_id)
    if status == "succeeded":
        # Zero received is a report like any other (held for review), not a missing field.
        received = intent["amount"] if intent.get("amount_received") is None else intent["amount_received"]
        charge_reported(payment, received, intent["currency"])
        payment.refresh_from_db()
    elif status in ("requires_payment_method", "canceled") and payment.status == Payment.Status.PENDING:
        error = intent.get("last_payment_error") or {}
        payment.status = Payment.Status.FAILED if status != "canceled" else Payment.Status.CANCELED
        payment.failure_message = (error.get("message") or "")[:300]
        payment.save(update_fields=["status", "failure_message", "updated_at"])
    return payment


def charge_reported(payment, minor_units: int, currency: str) -> bool:
    """Stripe says `minor_units` of `currency` (its lowercase ISO code) were captured for `payment`: book them
    (record_charge) or, in a currency the ledger does not keep, hold the payment for review. True when the
    payment is booked as succeeded."""
    code = str(currency).upper()
    if code not in CURRENCIES:
        hold_for_review(payment, f"{minor_units} minor units of {code}")
        return False
    return record_charge(payment, Money.from_minor_units(minor_units, code))


def record_charge(payment, captured: Money) -> bool:
    """Book the captured money into escrow per supplier and mark the order paid. Idempotent per intent.

    Only when `captured` is exactly the payment's amount and currency, and the payment is not held for review;
    otherwise nothing is booked, the payment is held "review" (see the module docstring) and False returned.
    A booked payment stays booked whatever a later report says (logged). True when the payment is booked.

    The escrow split follows the fulfilments' rounded totals; the last one takes any rounding remainder so
    the transaction is exact to the cent.
    """
    asked = Money(payment.amount, payment.currency)
    with transaction.atomic():
        order = lock(Order, payment.order_id)
        status = Payment.objects.select_for_update().values_list("status", flat=True).get(pk=payment.pk)
        if status == Payment.Status.REVIEW:
            log.warning(
                "Payment %s is held for review; Stripe's report of %s books nothing", payment.pk, captured
            )
            return False
        if captured != asked:
            if status == Payment.Status.SUCCEEDED:
                log.error("Payment %s was booked for %s; Stripe now reports %s", payment.pk, asked, captured)
                return True
            hold_for_review(payment, str(captured))
            return False
        Payment.objects.filter(pk=payment.pk).exclude(status=Payment.Status.SUCCEEDED).update(
            status=Payment.Status.SUCCEEDED, failure_message=""
        )
        fulfilments = list(order.fulfilments.prefetch_related("lines").order_by("pk"))
        legs, remaining = [], captured.amount
        for index, fulfilment in enumerate(fulfilments):
            share = remaining if index == len(fulfilments) - 1 else min(fulfilment.total.amount, remaining)
            remaining -= share
            legs.append(book.Leg(Account.ESCROW, -share, supplier=fulfilment.supplier))
        legs.append(book.Leg(Account.CASH, captured.amount))
        book.post(
            kind=LedgerTransaction.Kind.CHARGE,
            reference=f"charge:{payment.intent_id}",
            currency=captured.currency,
            legs=legs,
            order=order,
            memo=f"Card payment for order {order.pk}",
        )
    advance(order.pk, Order.State.PAID, note=f"Stripe {payment.intent_id} succeeded")
    if order.disputes.filter(state=Dispute.State.OPEN).exists():
        advance(order.pk, Order.State.DISPUTED, note="dispute opened before the payment was recorded")
    return True


def hold_for_review(payment, reported: str):
    """Hold a payment Stripe reported `reported` captured for, instead of what it asked: status "review" with
    both figures, audited, logged. A booked or already held payment is left as it is."""
    asked = Money(payment.amount, payment.currency)
    message = (
        f"Stripe reported {reported} captured for this {asked} payment: nothing booked, the order stays "
        "unpaid until an operator checks it in Stripe."
    )
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status in (Payment.Status.SUCCEEDED, Payment.Status.REVIEW):
            return
        previous = locked.status
        locked.status, locked.failure_message = Payment.Status.REVIEW, message[:300]
        locked.save(update_fields=["status", "failure_message", "updated_at"])
        record(locked, previous, locked.status, None, note=message, field="status")
    log.error("Payment %s of order %s held for review: %s", payment.pk, payment.order_id, message)


def payments_under_review():
    """Payments held for an operator (see the module docstring), oldest first, with their orders' buyers."""
    return (
        Payment.objects.filter(status=Payment.Status.REVIEW)
        .select_related("order__buyer")
        .order_by("updated_at")
    )
