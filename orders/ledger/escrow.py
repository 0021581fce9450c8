"""Escrow release: a supplier's part of an order moves from escrow to their payable, less commission.

Released per supplier part, once (the posting's reference is the fulfilment); a dispute freezes it, and so
does a refund asked of Stripe and not yet booked (that money may be on its way back to the buyer). Orders
shipped ESCROW_AUTO_RELEASE_DAYS ago without either are released on a schedule (`release_escrow`).

A part with a disbursed advance (orders.financing) repays its lender first, in the same posting: see
orders/financing/ledger.py for the legs and the order of events.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import quantize
from marketplace.workflow import TransitionError, lock, transition

from ..financing import ledger as advances
from ..models import Account, Dispute, Fulfilment, LedgerTransaction, Order, Refund
from ..states import ORDER_TRANSITIONS
from . import book
from .commissions import commission_percent

S = Order.State
F = Fulfilment.State


def release_fulfilment(fulfilment, actor=None):
    """Move a part's held money to the supplier's payable minus commission, repaying the part's lender first.
    Once per fulfilment; refused while the order is disputed (a dispute freezes release) or a refund of it
    is waiting for Stripe."""
    with transaction.atomic():
        return _release_fulfilment(fulfilment, actor)


def _release_fulfilment(fulfilment, actor):
    order = lock(Order, fulfilment.order_id)
    if order.state == S.DISPUTED and not getattr(actor, "is_operator", False):
        raise TransitionError(_("A dispute freezes this order's escrow."), code="disputed")
    if order.refunds.filter(status=Refund.Status.REQUESTED).exists():
        raise TransitionError(_("A refund of this order is on its way; its escrow waits."), code="refunding")
    held = book.held_in_escrow(order, fulfilment.supplier)
    if held <= 0:
        return None
    commission = quantize(held * commission_percent(fulfilment) / Decimal(100), order.currency)
    advance = advances.disbursed_advance(order, fulfilment.supplier)
    lender_legs, repaid = advances.repayment_legs(advance, held - commission)
    txn, created = book.post(
        kind=LedgerTransaction.Kind.RELEASE,
        reference=f"release:fulfilment:{fulfilment.pk}",
        currency=order.currency,
        order=order,
        legs=[
            book.Leg(Account.ESCROW, held, supplier=fulfilment.supplier),
            book.Leg(Account.SUPPLIER_PAYABLE, -(held - commission - repaid), supplier=fulfilment.supplier),
            book.Leg(Account.COMMISSION, -commission, supplier=fulfilment.supplier),
            *lender_legs,
        ],
        memo=f"Escrow released for order {order.pk}",
    )
    if advance is not None and created:
        advances.settle_repayment(advance, actor)
    return txn


def release_order(order_pk, actor, note):
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
        .exclude(refunds__status=Refund.Status.REQUESTED)
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
        release_order(
            order.pk, actor, note=f"auto-released {settings.ESCROW_AUTO_RELEASE_DAYS} days after shipping"
        )
        released.append(order.pk)
    return released
