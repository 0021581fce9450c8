"""Charging orders through Stripe, refunds, and what Stripe tells us (webhooks and retrieves).

The order becomes paid only from Stripe's word: a signed webhook or our own server-side retrieve of the
PaymentIntent, never from the browser. Every posting is idempotent on Stripe's ids, so events may arrive
twice or out of order and the state and ledger end the same.
"""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import Money
from marketplace.workflow import TransitionError, lock, transition

from ..models import Account, Dispute, Fulfilment, LedgerTransaction, Order, Payment, Refund
from ..payments import stripe_gateway
from . import fees, ledger
from .states import ORDER_TRANSITIONS, REFUNDABLE_STATES


class PaymentError(Exception):
    """A payment or refund could not be done; `message` is for people, `code` for callers."""

    def __init__(self, message, code="payment_error"):
        super().__init__(message)
        self.message = message
        self.code = code


def _advance(order_pk, to, actor=None, note=""):
    """Move an order forward if its state allows it; a later state already reached is left alone."""
    try:
        return transition(Order, order_pk, to, ORDER_TRANSITIONS, actor=actor, note=note).changed
    except TransitionError:
        return False


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
            legs.append(ledger.Leg(Account.ESCROW, -share, supplier=fulfilment.supplier))
        legs.append(ledger.Leg(Account.CASH, captured.amount))
        ledger.post(
            kind=LedgerTransaction.Kind.CHARGE,
            reference=f"charge:{payment.intent_id}",
            currency=captured.currency,
            legs=legs,
            order=order,
            memo=f"Card payment for order {order.pk}",
        )
    _advance(order.pk, Order.State.PAID, note=f"Stripe {payment.intent_id} succeeded")
    if order.disputes.filter(state=Dispute.State.OPEN).exists():
        _advance(order.pk, Order.State.DISPUTED, note="dispute opened before the payment was recorded")


def captured_amount(order) -> Decimal:
    return ledger.net_captured(order) + refunded_amount(order)


def refunded_amount(order) -> Decimal:
    total = Refund.objects.filter(order=order, status=Refund.Status.SUCCEEDED).aggregate(t=Sum("amount"))["t"]
    return total or Decimal("0")


def refund_order(order, amount: Money, actor, *, fulfilment=None, reason="") -> Refund:
    """Refund `amount` of a paid order's held money to the buyer's card.

    Never above what was captured minus what is refunded or being refunded, and never above what is still
    held in escrow (for `fulfilment`'s supplier when given). Locks the order so two operators cannot both
    refund the same money. The Refund row exists before Stripe is called: its id is the idempotency key, and
    a Stripe outage leaves it "requested" for `retry_refund`.
    """
    if amount.currency != order.currency:
        raise PaymentError(_("A refund is in the order's currency."), code="currency")
    amount = amount.rounded()
    if amount.amount <= 0:
        raise PaymentError(_("Enter an amount above zero."), code="amount")
    with transaction.atomic():
        order = lock(Order, order.pk)
        payment = order.payments.filter(status=Payment.Status.SUCCEEDED).first()
        if payment is None or order.state not in REFUNDABLE_STATES:
            raise PaymentError(_("This order has no captured payment to refund."), code="not_paid")
        captured = ledger.net_captured(order)
        pending = Refund.objects.filter(order=order, status=Refund.Status.REQUESTED).aggregate(
            t=Sum("amount")
        )
        refundable = captured - (pending["t"] or Decimal("0"))
        supplier = fulfilment.supplier if fulfilment else None
        held = ledger.held_in_escrow(order, supplier)
        if amount.amount > refundable:
            raise PaymentError(
                _("At most %(amount)s can be refunded.") % {"amount": Money(refundable, order.currency)},
                code="above_captured",
            )
        if amount.amount > held:
            raise PaymentError(
                _("Only %(amount)s is still held in escrow.") % {"amount": Money(held, order.currency)},
                code="above_held",
            )
        refund = Refund.objects.create(
            order=order,
            payment=payment,
            fulfilment=fulfilment,
            amount=amount.amount,
            currency=amount.currency,
            reason=reason[:300],
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    return retry_refund(refund, actor)


def retry_refund(refund, actor=None) -> Refund:
    """Send (or send again, with the same idempotency key) a requested refund to Stripe."""
    if refund.status != Refund.Status.REQUESTED:
        return refund
    try:
        answer = stripe_gateway.create_refund(refund, refund.payment.intent_id)
    except stripe_gateway.GatewayError as error:
        raise PaymentError(
            _("The card payment service did not answer; the refund is recorded and will be retried."),
            code="gateway_unavailable",
        ) from error
    Refund.objects.filter(pk=refund.pk, stripe_id__isnull=True).update(stripe_id=answer["id"])
    refund.refresh_from_db()
    if answer.get("status") in ("succeeded", "pending", None):
        apply_refund(
            answer["id"], Money.from_minor_units(answer["amount"], refund.currency), refund.order, actor
        )
    refund.refresh_from_db()
    return refund


def apply_refund(stripe_refund_id, amount: Money, order, actor=None, local_refund_id=None):
    """Book a refund Stripe made (ours or one from the dashboard) once: escrow back to cash, then state."""
    with transaction.atomic():
        order = lock(Order, order.pk)
        refund = Refund.objects.filter(stripe_id=stripe_refund_id).first()
        if refund is None and local_refund_id:
            refund = Refund.objects.filter(pk=local_refund_id, order=order, stripe_id__isnull=True).first()
        if refund is None:
            payment = order.payments.filter(status=Payment.Status.SUCCEEDED).first()
            refund = Refund.objects.create(
                order=order,
                payment=payment,
                amount=amount.amount,
                currency=amount.currency,
                reason="from Stripe",
            )
        Refund.objects.filter(pk=refund.pk).update(stripe_id=stripe_refund_id, status=Refund.Status.SUCCEEDED)
        legs = _refund_legs(order, amount.amount, refund.fulfilment)
        ledger.post(
            kind=LedgerTransaction.Kind.REFUND,
            reference=f"refund:{stripe_refund_id}",
            currency=order.currency,
            legs=[*legs, ledger.Leg(Account.CASH, -amount.amount)],
            order=order,
            memo=f"Refund on order {order.pk}",
        )
    if ledger.net_captured(order) <= 0:
        _advance(order.pk, Order.State.REFUNDED, actor=actor, note="fully refunded")


def _refund_legs(order, amount, fulfilment=None):
    """Take a refund from escrow (that supplier's first, then in fulfilment order); a refund of money
    already released (possible only from Stripe's dashboard) comes back out of the supplier's payable."""
    fulfilments = list(order.fulfilments.select_related("supplier").order_by("pk"))
    if fulfilment is not None:
        fulfilments.sort(key=lambda f: f.pk != fulfilment.pk)
    legs, remaining = [], amount
    for item in fulfilments:
        take = min(ledger.held_in_escrow(order, item.supplier), remaining)
        if take > 0:
            legs.append(ledger.Leg(Account.ESCROW, take, supplier=item.supplier))
            remaining -= take
    if remaining > 0:
        legs.append(ledger.Leg(Account.SUPPLIER_PAYABLE, remaining, supplier=fulfilments[0].supplier))
    return legs


def fulfilment_for(order, supplier):
    return Fulfilment.objects.filter(order=order, supplier=supplier).first()
