"""Disputes: a buyer freezes a paid order's escrow; an operator settles it by refund, partial refund or
release. The dispute's own state changes through `marketplace.workflow.transition`, like the order's.

An order has at most one open dispute (a database constraint backs this up). A buyer cannot open a second
one while one is open; a card dispute at Stripe on an order that already has one joins it (its id and reason
are added to the open dispute), so the operator settles the order's escrow once, with every complaint in
front of them. Both paths lock the order row first, so a buyer's click and Stripe's event cannot race.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from marketplace.files import CheckedFile
from marketplace.money import Money
from marketplace.workflow import TransitionError, lock, transition

from .access import require_buyer, require_operator
from .financing.notices import tell_lenders_order_at_risk
from .ledger import book
from .ledger.escrow import release_order
from .models import Dispute, DisputePhoto, Order
from .payments.refunds import refund_order
from .states import DISPUTE_TRANSITIONS, ORDER_TRANSITIONS

S = Order.State


def open_dispute_of(order):
    """The order's open dispute, or None."""
    return order.disputes.filter(state=Dispute.State.OPEN).first()


def can_open_dispute(order):
    """Whether the buyer may open a dispute now: the order is in a disputable state and none is open."""
    return order.state in ORDER_TRANSITIONS[S.DISPUTED] and open_dispute_of(order) is None


def open_dispute(order, actor, *, reason, photos=()):
    """The buyer disputes a paid order; its escrow is frozen until an operator resolves it.

    Refuses (code "dispute_open") while the order has an open dispute, the buyer's or a card dispute.
    `photos` are checked files from `catalog.photos.clean_photo` (re-encoded, no GPS); anything else is
    refused with TypeError before anything changes.
    """
    require_buyer(order, actor)
    if not all(isinstance(photo, CheckedFile) for photo in photos):
        raise TypeError("open_dispute takes photos checked by catalog.photos.clean_photo.")
    if not reason.strip():
        raise TransitionError(_("Say what went wrong."), code="missing_reason")
    with transaction.atomic():
        lock(Order, order.pk)
        _refuse_if_open(order)
        transition(Order, order.pk, S.DISPUTED, ORDER_TRANSITIONS, actor=actor, note=reason[:200])
        dispute = Dispute.objects.create(order=order, opened_by=actor, reason=reason)
        tell_lenders_order_at_risk(order, cause=_("The buyer opened a dispute"), key=f"dispute:{dispute.pk}")
        for photo in photos:
            DisputePhoto.objects.create(dispute=dispute, image=photo, name=photo.original_name)
    return dispute


def _refuse_if_open(order):
    current = open_dispute_of(order)
    if current is not None:
        raise TransitionError(
            _(
                "A dispute is already open on this order (since %(date)s); an operator is looking at it and "
                "will contact you. Your payment stays held until it is resolved."
            )
            % {"date": formats.date_format(timezone.localtime(current.created_at), "DATE_FORMAT")},
            code="dispute_open",
        )


def record_card_dispute(order, *, stripe_id, reason) -> Dispute:
    """A card dispute Stripe told us of, as the order's open dispute; idempotent per Stripe dispute id.

    With no open dispute it opens one. With one open (the buyer's, or an earlier card dispute) it joins it:
    the Stripe id is attached if that dispute has none, and the reason is appended either way, so one
    operator decision settles everything the order is disputed for. Never raises for a second dispute:
    Stripe's webhook must be acknowledged.
    """
    with transaction.atomic():
        lock(Order, order.pk)
        known = Dispute.objects.filter(stripe_id=stripe_id).first()
        if known is not None:
            return known
        current = open_dispute_of(order)
        if current is None:
            dispute = Dispute.objects.create(order=order, stripe_id=stripe_id, reason=reason)
            tell_lenders_order_at_risk(order, cause=_("A card dispute"), key=f"dispute:{dispute.pk}")
            return dispute
        current = lock(Dispute, current.pk)
        if stripe_id not in current.reason:
            current.reason += f"\n\n[{reason} ({stripe_id})]"
        if not current.stripe_id:
            current.stripe_id = stripe_id
        current.save(update_fields=["reason", "stripe_id"])
        return current


def resolve_dispute(dispute, actor, *, resolution, refund_amount=None, note=""):
    """An operator settles a dispute: full refund, partial refund with the rest released, or release."""
    require_operator(actor)
    if dispute.state == Dispute.State.RESOLVED:
        return dispute
    order = dispute.order
    held = book.held_in_escrow(order)
    if resolution == Dispute.Resolution.REFUND:
        refund_amount = Money(held, order.currency)
    elif resolution == Dispute.Resolution.PARTIAL_REFUND:
        if refund_amount is None or refund_amount.amount <= 0 or refund_amount.amount >= held:
            raise TransitionError(_("A partial refund is above zero and below what is held."), code="amount")
    else:
        refund_amount = None
    if refund_amount is not None and refund_amount.amount > 0:
        refund_order(order, refund_amount, actor, reason=f"dispute {dispute.pk}")

    def apply(obj):
        obj.resolution, obj.resolution_note, obj.resolved_at = resolution, note, timezone.now()

    transition(
        Dispute, dispute.pk, Dispute.State.RESOLVED, DISPUTE_TRANSITIONS, actor=actor, note=note, apply=apply
    )
    if book.held_in_escrow(order) > 0:
        release_order(order.pk, actor, note=f"dispute {dispute.pk} resolved: {resolution}")
    dispute.refresh_from_db()
    return dispute
