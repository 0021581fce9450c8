"""Escrow release: a supplier's part of an order moves from escrow to their payable, less commission.

Released per supplier part, once (the posting's reference is the fulfilment); a dispute freezes it. Orders
shipped ESCROW_AUTO_RELEASE_DAYS ago without a dispute are released on a schedule (`release_escrow`).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.money import quantize
from marketplace.workflow import TransitionError, lock, transition

from ..models import Account, Dispute, Fulfilment, LedgerTransaction, Order
from ..states import ORDER_TRANSITIONS
from . import book
from .commissions import commission_percent

S = Order.State
F = Fulfilment.State


def release_fulfilment(fulfilment, actor=None):
    """Move a part's held money to the supplier's payable minus commission. Once per fulfilment; refused
    while the order is disputed (a dispute freezes release)."""
    order = lock(Order, fulfilment.order_id)
    if order.state == S.DISPUTED and not getattr(actor, "is_operator", False):
        raise TransitionError(_("A dispute freezes this order's escrow."), code="disputed")
    held = book.held_in_escrow(order, fulfilment.supplier)
    if held <= 0:
        return None
    commission = quantize(held * commission_percent(fulfilment) / Decimal(100), order.currency)
    txn, _created = book.post(
        kind=LedgerTransaction.Kind.RELEASE,
        reference=f"release:fulfilment:{fulfilment.pk}",
        currency=order.currency,
        order=order,
        legs=[
            book.Leg(Account.ESCROW, held, supplier=fulfilment.supplier),
            book.Leg(Account.SUPPLIER_PAYABLE, -(held - commission), supplier=fulfilment.supplier),
            book.Leg(Account.COMMISSION, -commission, supplier=fulfilment.supplier),
        ],
        memo=f"Escrow released for order {order.pk}",
    )
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
