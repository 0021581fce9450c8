"""Stripe webhook events: each event id is handled once, in any order, states only moving forward."""

from functools import partial

from django.db import IntegrityError, transaction

from marketplace.jobs.queue import enqueue_on_commit
from marketplace.money import Money

from ..disputes import record_card_dispute
from ..models import Order, Payment, WebhookEvent
from ..states import advance
from . import fees, intents, late_payments, refunds, tasks
from .events import check_event


def handle_event(event) -> str:
    """Apply one verified event; returns "handled", "duplicate" or "ignored".

    The event id is stored in the same transaction as its effects: a crash leaves neither, so Stripe's
    retry is processed; a repeat of a processed id is acknowledged and ignored. Raises MalformedEvent, before
    anything is stored, when the event lacks what its handler reads (events.check_event).
    """
    check_event(event)
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(event_id=event["id"], type=event["type"])
            handler = HANDLERS.get(event["type"])
            if handler is None:
                return "ignored"
            handler(event["data"]["object"])
    except IntegrityError:
        if WebhookEvent.objects.filter(event_id=event["id"]).exists():
            return "duplicate"
        raise
    return "handled"


def _payment_for(obj, charge_id=None):
    """Our Payment for a Stripe object naming its intent and/or its charge."""
    intent = obj.get("payment_intent")
    intent_id = intent.get("id") if isinstance(intent, dict) else intent
    payments_qs = Payment.objects.select_related("order")
    payment = payments_qs.filter(intent_id=intent_id).first() if intent_id else None
    if payment is None and charge_id:
        payment = payments_qs.filter(charge_id=charge_id).first()
    if payment is not None and charge_id and not payment.charge_id:
        Payment.objects.filter(pk=payment.pk).update(charge_id=charge_id)
    return payment


def _after_success(payment, charge):
    """Once a payment is booked: its Stripe fee and, if its order was cancelled meanwhile, its full refund
    (see late_payments). What needs Stripe runs after the event is stored (on commit; the fee in a task), so
    no Stripe call holds the webhook's transaction and row locks open; a fee the event carries is booked with
    the event."""
    if fees.needs_stripe_for_fee(charge):
        # A task, retried with backoff while Stripe does not answer (orders.payments.tasks).
        enqueue_on_commit(tasks.fetch_stripe_fee, payment.pk, fees.fee_reference(charge))
    else:
        fees.record_fee_from_charge(payment, charge)
    if Order.objects.filter(pk=payment.order_id, state=Order.State.CANCELLED).exists():
        transaction.on_commit(partial(late_payments.refund_if_cancelled, payment.order_id))


def on_intent_succeeded(intent):
    payment = intents.apply_intent(intent)
    if payment is not None and payment.status == Payment.Status.SUCCEEDED:
        _after_success(payment, intent.get("latest_charge"))


def on_intent_failed(intent):
    intents.apply_intent(intent)


def on_charge_succeeded(charge):
    """A captured charge (charge.succeeded, or charge.updated once Stripe attached its balance transaction):
    book the payment if no intent event did yet, then its fee. Both postings are idempotent."""
    payment = _payment_for(charge, charge_id=charge.get("id"))
    if payment is None or charge.get("status") != "succeeded" or not charge.get("captured"):
        return
    captured = charge["amount"] if charge.get("amount_captured") is None else charge["amount_captured"]
    if intents.charge_reported(payment, captured, charge["currency"]):
        _after_success(payment, charge)


def on_charge_refunded(charge):
    """A charge with its refunds: book the charge first (it may not be known yet), then each refund. A charge
    we do not book (held for review, see intents) has no refund to book either: its money never entered."""
    payment = _payment_for(charge, charge_id=charge.get("id"))
    if payment is None:
        return
    captured = charge["amount"] if charge.get("amount_captured") is None else charge["amount_captured"]
    if not intents.charge_reported(payment, captured, charge["currency"]):
        return
    _after_success(payment, charge)
    for refund in (charge.get("refunds") or {}).get("data") or []:
        if refund.get("status") not in ("succeeded", "pending"):
            continue
        local_id = (refund.get("metadata") or {}).get("refund_id")
        refunds.apply_refund(
            refund["id"],
            Money.from_minor_units(refund["amount"], payment.currency),
            payment.order,
            local_refund_id=int(local_id) if local_id and str(local_id).isdigit() else None,
        )


def on_dispute_created(dispute):
    """A card dispute freezes the order's escrow; if the payment is not booked yet, it freezes on booking.
    An order already disputed keeps its one open dispute, which the card dispute joins (orders/disputes.py).
    """
    charge = dispute.get("charge")
    payment = _payment_for(dispute, charge_id=charge.get("id") if isinstance(charge, dict) else charge)
    if payment is None:
        return
    record_card_dispute(
        payment.order,
        stripe_id=dispute["id"],
        reason=f"Card dispute: {dispute.get('reason') or 'unknown'}",
    )
    if payment.status == Payment.Status.SUCCEEDED:
        advance(payment.order_id, Order.State.DISPUTED, note=f"Stripe dispute {dispute['id']}")


HANDLERS = {
    "payment_intent.succeeded": on_intent_succeeded,
    "payment_intent.payment_failed": on_intent_failed,
    "payment_intent.canceled": on_intent_failed,
    "charge.succeeded": on_charge_succeeded,
    "charge.updated": on_charge_succeeded,
    "charge.refunded": on_charge_refunded,
    "charge.dispute.created": on_dispute_created,
}
