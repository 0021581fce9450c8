"""What buyers, suppliers and operators do to an order after checkout, one service function each.

Every change goes through `marketplace.workflow.transition` (row lock, allowed-states table, audit record,
idempotent). Escrow is released per supplier part, once (the ledger reference is the fulfilment).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import Money, quantize
from marketplace.workflow import TransitionError, lock, transition

from ..models import Account, Dispute, DisputePhoto, Fulfilment, LedgerTransaction, Order, StockReservation
from . import ledger
from .ordering import give_back_stock
from .payments import refund_order
from .states import FULFILMENT_TRANSITIONS, ORDER_TRANSITIONS

S = Order.State
F = Fulfilment.State


def _must_be_member(fulfilment, actor):
    if not fulfilment.supplier.has_member(actor):
        raise TransitionError(_("This order is not for your business."), code="not_yours")


def _must_be_buyer(order, actor):
    if order.buyer_id != getattr(actor, "pk", None):
        raise TransitionError(_("This is not your order."), code="not_yours")


def _must_be_operator(actor):
    if not getattr(actor, "is_operator", False):
        raise TransitionError(_("Only operators may do this."), code="not_operator")


def _order_follows(order_pk, actor):
    """Move the order forward once every live (not declined) part has reached a step."""
    order = Order.objects.get(pk=order_pk)
    states = [f.state for f in order.fulfilments.all() if f.state != F.DECLINED]
    if not states:
        return
    if all(s in (F.SHIPPED, F.DELIVERED) for s in states) and order.state in ORDER_TRANSITIONS[S.SHIPPED]:
        transition(Order, order.pk, S.SHIPPED, ORDER_TRANSITIONS, actor=actor, note="every part shipped")
    elif all(s != F.PENDING for s in states) and order.state == S.PAID:
        transition(
            Order, order.pk, S.IN_PRODUCTION, ORDER_TRANSITIONS, actor=actor, note="every part accepted"
        )


def accept_fulfilment(fulfilment, actor):
    """The supplier takes on their part of a paid order. Idempotent."""
    _must_be_member(fulfilment, actor)
    if fulfilment.order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be accepted."), code="not_paid")
    with transaction.atomic():
        result = transition(Fulfilment, fulfilment.pk, F.ACCEPTED, FULFILMENT_TRANSITIONS, actor=actor)
        _order_follows(fulfilment.order_id, actor)
    return result


def decline_fulfilment(fulfilment, actor, reason=""):
    """The supplier declines their part: what is held for it goes back to the buyer's card."""
    _must_be_member(fulfilment, actor)
    order = fulfilment.order
    if order.state not in (S.PAID, S.IN_PRODUCTION):
        raise TransitionError(_("Only paid orders can be declined."), code="not_paid")
    result = transition(
        Fulfilment, fulfilment.pk, F.DECLINED, FULFILMENT_TRANSITIONS, actor=actor, note=reason
    )
    if result.changed:
        held = ledger.held_in_escrow(order, fulfilment.supplier)
        if held > 0:
            refund_order(order, Money(held, order.currency), actor, fulfilment=fulfilment, reason="declined")
        _release_stock(fulfilment)
        _order_follows(order.pk, actor)
    return result


def ship_fulfilment(fulfilment, actor, *, carrier, tracking_number):
    """The supplier hands their part to a carrier; the escrow clock for auto-release starts now."""
    _must_be_member(fulfilment, actor)
    if fulfilment.order.state == S.DISPUTED:
        raise TransitionError(_("This order is disputed."), code="disputed")
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not carrier or not tracking_number:
        raise TransitionError(_("Enter the carrier and the tracking number."), code="missing_tracking")

    def apply(obj):
        obj.carrier, obj.tracking_number, obj.shipped_at = (
            carrier[:100],
            tracking_number[:100],
            timezone.now(),
        )

    with transaction.atomic():
        result = transition(
            Fulfilment, fulfilment.pk, F.SHIPPED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
        )
        _order_follows(fulfilment.order_id, actor)
    return result


def confirm_delivery(order, actor):
    """The buyer confirms delivery: every shipped part is delivered and its escrow released. Idempotent."""
    _must_be_buyer(order, actor)
    with transaction.atomic():
        result = transition(Order, order.pk, S.DELIVERED, ORDER_TRANSITIONS, actor=actor)
        for fulfilment in order.fulfilments.filter(state=F.SHIPPED):

            def apply(obj):
                obj.delivered_at = timezone.now()

            transition(
                Fulfilment, fulfilment.pk, F.DELIVERED, FULFILMENT_TRANSITIONS, actor=actor, apply=apply
            )
        _release_order(order.pk, actor, note="buyer confirmed delivery")
    return result


def release_fulfilment(fulfilment, actor=None):
    """Move a part's held money to the supplier's payable minus commission. Once per fulfilment; refused
    while the order is disputed (a dispute freezes release)."""
    order = lock(Order, fulfilment.order_id)
    if order.state == S.DISPUTED and not getattr(actor, "is_operator", False):
        raise TransitionError(_("A dispute freezes this order's escrow."), code="disputed")
    held = ledger.held_in_escrow(order, fulfilment.supplier)
    if held <= 0:
        return None
    commission = quantize(held * ledger.commission_percent(fulfilment) / Decimal(100), order.currency)
    txn, _created = ledger.post(
        kind=LedgerTransaction.Kind.RELEASE,
        reference=f"release:fulfilment:{fulfilment.pk}",
        currency=order.currency,
        order=order,
        legs=[
            ledger.Leg(Account.ESCROW, held, supplier=fulfilment.supplier),
            ledger.Leg(Account.SUPPLIER_PAYABLE, -(held - commission), supplier=fulfilment.supplier),
            ledger.Leg(Account.COMMISSION, -commission, supplier=fulfilment.supplier),
        ],
        memo=f"Escrow released for order {order.pk}",
    )
    return txn


def _release_order(order_pk, actor, note):
    with transaction.atomic():
        order = lock(Order, order_pk)
        for fulfilment in order.fulfilments.select_related("supplier").prefetch_related(
            "lines__product__category"
        ):
            if fulfilment.state != F.DECLINED:
                release_fulfilment(fulfilment, actor)
        transition(Order, order_pk, S.COMPLETED, ORDER_TRANSITIONS, actor=actor, note=note)


def release_due_escrow(now=None, actor=None) -> list[int]:
    """Release orders shipped ESCROW_AUTO_RELEASE_DAYS ago or more without a dispute; returns their ids.

    Safe to run on a schedule and twice: released orders are completed and no longer match.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.ESCROW_AUTO_RELEASE_DAYS)
    candidates = (
        Order.objects.filter(state__in=[S.SHIPPED, S.DELIVERED])
        .exclude(disputes__state=Dispute.State.OPEN)
        .prefetch_related("fulfilments")
        .distinct()
    )
    due = [
        order
        for order in candidates
        if all(
            f.shipped_at and f.shipped_at <= cutoff for f in order.fulfilments.all() if f.state == F.SHIPPED
        )
    ]
    released = []
    for order in due:
        _release_order(
            order.pk, actor, note=f"auto-released {settings.ESCROW_AUTO_RELEASE_DAYS} days after shipping"
        )
        released.append(order.pk)
    return released


def open_dispute(order, actor, *, reason, photos=()):
    """The buyer disputes a paid order; its escrow is frozen until an operator resolves it."""
    _must_be_buyer(order, actor)
    if not reason.strip():
        raise TransitionError(_("Say what went wrong."), code="missing_reason")
    with transaction.atomic():
        transition(Order, order.pk, S.DISPUTED, ORDER_TRANSITIONS, actor=actor, note=reason[:200])
        dispute = Dispute.objects.create(order=order, opened_by=actor, reason=reason)
        for photo in photos:
            DisputePhoto.objects.create(dispute=dispute, image=photo)
    return dispute


def resolve_dispute(dispute, actor, *, resolution, refund_amount=None, note=""):
    """An operator settles a dispute: full refund, partial refund with the rest released, or release."""
    _must_be_operator(actor)
    if dispute.state == Dispute.State.RESOLVED:
        return dispute
    order = dispute.order
    held = ledger.held_in_escrow(order)
    if resolution == Dispute.Resolution.REFUND:
        refund_amount = Money(held, order.currency)
    elif resolution == Dispute.Resolution.PARTIAL_REFUND:
        if refund_amount is None or refund_amount.amount <= 0 or refund_amount.amount >= held:
            raise TransitionError(_("A partial refund is above zero and below what is held."), code="amount")
    else:
        refund_amount = None
    if refund_amount is not None and refund_amount.amount > 0:
        refund_order(order, refund_amount, actor, reason=f"dispute {dispute.pk}")
    Dispute.objects.filter(pk=dispute.pk).update(
        state=Dispute.State.RESOLVED, resolution=resolution, resolution_note=note, resolved_at=timezone.now()
    )
    if ledger.held_in_escrow(order) > 0:
        _release_order(order.pk, actor, note=f"dispute {dispute.pk} resolved: {resolution}")
    dispute.refresh_from_db()
    return dispute


def _release_stock(fulfilment):
    for reservation in StockReservation.objects.filter(line__fulfilment=fulfilment, released=False):
        give_back_stock(reservation)
