"""Refunds to the buyer's card: asked of Stripe once (idempotency key), booked once Stripe confirms.

Escrow goes back to cash in the ledger; an order refunded in full moves to "refunded".
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from marketplace.currency import format_money
from marketplace.money import Money
from marketplace.workflow import lock

from ..financing.notices import tell_lenders_order_at_risk
from ..ledger import book
from ..models import Account, LedgerTransaction, Order, Payment, Refund
from ..states import REFUNDABLE_STATES, advance
from . import stripe_gateway
from .errors import PaymentError


def refundable_now(order) -> Money:
    """What `refund_order` would accept at most for `order` now (zero when there is nothing to refund): the
    back office offers its refund form only when this is above zero. Reads without locking; the refund
    itself checks again under the lock."""
    zero = Money(Decimal("0"), order.currency)
    paid = order.payments.filter(status=Payment.Status.SUCCEEDED).exists()
    if not paid or order.state not in REFUNDABLE_STATES:
        return zero
    pending = Refund.objects.filter(order=order, status=Refund.Status.REQUESTED).aggregate(t=Sum("amount"))
    refundable = book.net_captured(order) - (pending["t"] or Decimal("0"))
    return Money(max(min(refundable, book.held_in_escrow(order)), Decimal("0")), order.currency)


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
        captured = book.net_captured(order)
        pending = Refund.objects.filter(order=order, status=Refund.Status.REQUESTED).aggregate(
            t=Sum("amount")
        )
        refundable = captured - (pending["t"] or Decimal("0"))
        supplier = fulfilment.supplier if fulfilment else None
        held = book.held_in_escrow(order, supplier)
        if amount.amount > refundable:
            raise PaymentError(
                _("At most %(amount)s can be refunded.")
                % {"amount": format_money(Money(refundable, order.currency))},
                code="above_captured",
            )
        if amount.amount > held:
            raise PaymentError(
                _("Only %(amount)s is still held in escrow.")
                % {"amount": format_money(Money(held, order.currency))},
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
        _txn, created = book.post(
            kind=LedgerTransaction.Kind.REFUND,
            reference=f"refund:{stripe_refund_id}",
            currency=order.currency,
            legs=[*legs, book.Leg(Account.CASH, -amount.amount)],
            order=order,
            memo=f"Refund on order {order.pk}",
        )
        if created:
            # The refund came out of escrow: a lender advancing on this order is repaid from less.
            tell_lenders_order_at_risk(
                order,
                cause=_("A refund of %(amount)s to the buyer") % {"amount": format_money(amount)},
                key=f"refund:{stripe_refund_id}",
            )
    if book.net_captured(order) <= 0:
        advance(order.pk, Order.State.REFUNDED, actor=actor, note="fully refunded")


def _refund_legs(order, amount, fulfilment=None):
    """Take a refund from escrow (that supplier's first, then in fulfilment order); a refund of money
    already released (possible only from Stripe's dashboard) comes back out of the supplier's payable."""
    fulfilments = list(order.fulfilments.select_related("supplier").order_by("pk"))
    if fulfilment is not None:
        fulfilments.sort(key=lambda f: f.pk != fulfilment.pk)
    legs, remaining = [], amount
    for item in fulfilments:
        take = min(book.held_in_escrow(order, item.supplier), remaining)
        if take > 0:
            legs.append(book.Leg(Account.ESCROW, take, supplier=item.supplier))
            remaining -= take
    if remaining > 0:
        legs.append(book.Leg(Account.SUPPLIER_PAYABLE, remaining, supplier=fulfilments[0].supplier))
    return legs
