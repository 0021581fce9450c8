"""Charging an order through a Stripe PaymentIntent, and booking what Stripe says of it.

The order becomes paid only from Stripe's word: a signed webhook or our own server-side retrieve of the
PaymentIntent, never from the browser. Every posting is idempotent on Stripe's ids, so events may arrive
twice or out of order and the state and ledger end the same.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import Money
from marketplace.workflow import lock

from ..ledger import book
from ..models import Account, Dispute, LedgerTransaction, Order, Payment
from ..states import advance
from . import fees, stripe_gateway
from .errors import PaymentError


def start_payment(order, actor) -> Payment:
    """The Payment (with its PaymentIntent client secret) the buyer's card form confirms.

    Reuses an open intent for the same amount; a previous attempt that never got Stripe's answer (outage,
    timeout) is retried with the same idempotency key, so Stripe returns the intent it may already have made.
    Raises PaymentError if the order is not the actor's or not awaiting payment, or Stripe is unreachable
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
        received = intent.get("amount_received") or intent["amount"]
        record_charge(payment, Money.from_minor_units(received, payment.currency))
    elif status in ("requires_payment_method", "canceled") and payment.status == Payment.Status.PENDING:
        error = intent.get("last_payment_error") or {}
        payment.status = Payment.Status.FAILED if status != "canceled" else Payment.Status.CANCELED
        payment.failure_message = (error.get("message") or "")[:300]
        payment.save(update_fields=["status", "failure_message", "updated_at"])
    return payment


def record_charge(payment, captured: Money):
    """Book the captured money into escrow per supplier and mark the order paid. Idempotent per intent.

    The escrow split follows the fulfilments' rounded totals; the last one takes any rounding remainder so
    the transaction is exact to the cent.
    """
    with transaction.atomic():
        order = lock(Order, payment.order_id)
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
