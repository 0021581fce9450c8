"""Cancelling an unpaid order, by its buyer or because it expired: one transition, never half done.

An order awaiting payment may have PaymentIntents its buyer could still complete. Cancelling asks Stripe
first, through our Stripe module and outside any row lock: each open intent is retrieved, and if it turns out
to have succeeded the order is booked as paid instead of cancelled; otherwise the intent is cancelled at
Stripe. Only once no intent can be paid any more does the order move to cancelled, under its row lock, with
its reserved stock given back and the change audited (`marketplace.workflow.transition`). If Stripe cannot be
reached, the order is left exactly as it was, stock still reserved, and the next attempt starts over.
Cancelling a cancelled order changes nothing.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError, transition

from .checkout.ordering import give_back_stock
from .models import Order, Payment, StockReservation
from .payments import fees, stripe_gateway
from .payments.errors import PaymentError
from .payments.intents import apply_intent
from .states import ORDER_TRANSITIONS

log = logging.getLogger(__name__)

S = Order.State
CANCELLED, ALREADY_CANCELLED, PAID = "cancelled", "already_cancelled", "paid"

# Payments whose intent the buyer may still complete (a declined card leaves the intent open for another).
OPEN_PAYMENTS = (Payment.Status.CREATING, Payment.Status.PENDING, Payment.Status.FAILED)
# A payment still "creating" this long after its last attempt is from a create call that never got Stripe's
# answer: its buyer never received a client secret, so nobody can pay it. A younger one may be mid-call.
ABANDONED_CREATE_AFTER = timedelta(hours=1)


def cancel_order(order, actor):
    """The buyer cancels their unpaid order (see `cancel_unpaid_order`)."""
    if order.buyer_id != getattr(actor, "pk", None):
        raise TransitionError(_("This is not your order."), code="not_yours")
    return cancel_unpaid_order(order, actor, note="cancelled by the buyer")


def cancel_unpaid_order(order, actor=None, *, note="") -> str:
    """Cancel `order` if it is still awaiting payment; returns CANCELLED, ALREADY_CANCELLED or PAID.

    Raises TransitionError when the order is past payment, and PaymentError (order untouched) when Stripe
    did not answer, an intent is still processing, or a payment was started meanwhile.
    """
    current = Order.objects.get(pk=order.pk)
    if current.state == S.CANCELLED:
        return ALREADY_CANCELLED
    if current.state != S.AWAITING_PAYMENT:
        raise TransitionError(
            _("Only an order awaiting payment can be cancelled."), code="not_awaiting_payment"
        )
    for payment in current.payments.filter(status__in=OPEN_PAYMENTS).order_by("attempt"):
        if _close_at_stripe(payment) == PAID:
            return PAID

    def no_open_payment(locked):
        # Under the row lock: a payment started since Stripe was asked would stay payable after cancelling.
        if locked.payments.filter(status__in=OPEN_PAYMENTS).exists():
            raise PaymentError(
                _("A card payment was started on this order; try again in a minute."), code="payment_started"
            )

    def give_back_reserved_stock(locked):
        for reservation in StockReservation.objects.filter(line__order=locked, released=False):
            give_back_stock(reservation)

    with transaction.atomic():
        result = transition(
            Order,
            order.pk,
            S.CANCELLED,
            ORDER_TRANSITIONS,
            actor=actor,
            note=note,
            check=no_open_payment,
            apply=give_back_reserved_stock,
        )
    return CANCELLED if result.changed else ALREADY_CANCELLED


def _close_at_stripe(payment) -> str:
    """Make sure `payment` can no longer be paid: PAID if Stripe says it was, "review" if Stripe reports
    another amount than asked (the payment is then held for an operator), else "canceled"."""
    if payment.status == Payment.Status.CREATING:
        if payment.updated_at > timezone.now() - ABANDONED_CREATE_AFTER:
            raise PaymentError(
                _("A card payment is being started on this order; try again in a minute."),
                code="payment_started",
            )
        Payment.objects.filter(pk=payment.pk, status=Payment.Status.CREATING).update(
            status=Payment.Status.CANCELED, failure_message="never created; order cancelled"
        )
        return "canceled"
    try:
        intent = stripe_gateway.retrieve_payment_intent(payment.intent_id)
        if intent["status"] == "succeeded":
            if apply_intent(intent).status != Payment.Status.SUCCEEDED:
                # Held for review (another amount than asked, see intents): nothing is booked or payable.
                return Payment.Status.REVIEW
            fees.record_fee_from_charge(payment, intent.get("latest_charge"))
            return PAID
        if intent["status"] == "processing":
            raise PaymentError(
                _("The card payment is still being processed; the order is not cancelled."),
                code="payment_processing",
            )
        if intent["status"] != "canceled":
            stripe_gateway.cancel_payment_intent(payment)
    except stripe_gateway.GatewayError as error:
        raise PaymentError(
            _("The card payment service did not answer, so the order is not cancelled yet; try again soon."),
            code="gateway_unavailable",
        ) from error
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.CANCELED)
    return "canceled"


@dataclass
class ExpiryReport:
    cancelled: list = field(default_factory=list)
    paid: list = field(default_factory=list)
    left: list = field(default_factory=list)  # (order id, why), tried again on the next run


def expire_unpaid_orders(now=None) -> ExpiryReport:
    """Cancel every order awaiting payment for UNPAID_ORDER_EXPIRY_HOURS or more, giving back its stock.

    Run hourly. Each order goes through `cancel_unpaid_order`, so running twice (or two runs at once) changes
    nothing more, an order whose intent succeeded is booked as paid, and one Stripe could not settle is left
    for the next run.
    """
    hours = settings.UNPAID_ORDER_EXPIRY_HOURS
    cutoff = (now or timezone.now()) - timedelta(hours=hours)
    report = ExpiryReport()
    due = Order.objects.filter(state=S.AWAITING_PAYMENT, created_at__lte=cutoff).order_by("pk")
    for order in due:
        try:
            outcome = cancel_unpaid_order(order, None, note=f"unpaid for {hours} hours")
        except (PaymentError, TransitionError) as error:
            log.warning("Order %s not expired this run: %s", order.pk, error.message)
            report.left.append((order.pk, error.message))
            continue
        if outcome == PAID:
            report.paid.append(order.pk)
        elif outcome == CANCELLED:
            report.cancelled.append(order.pk)
    return report
