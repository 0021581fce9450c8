"""Disputes: a buyer freezes a paid order's escrow; an operator settles it by refund, partial refund or
release. The dispute's own state changes through `marketplace.workflow.transition`, like the order's."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.files import CheckedFile
from marketplace.money import Money
from marketplace.workflow import TransitionError, transition

from .access import require_buyer, require_operator
from .ledger import book
from .ledger.escrow import release_order
from .models import Dispute, DisputePhoto, Order
from .payments.refunds import refund_order
from .states import DISPUTE_TRANSITIONS, ORDER_TRANSITIONS

S = Order.State


def open_dispute(order, actor, *, reason, photos=()):
    """The buyer disputes a paid order; its escrow is frozen until an operator resolves it.

    `photos` are checked files from `catalog.photos.clean_photo` (re-encoded, no GPS); anything else is
    refused with TypeError before anything changes."""
    require_buyer(order, actor)
    if not all(isinstance(photo, CheckedFile) for photo in photos):
        raise TypeError("open_dispute takes photos checked by catalog.photos.clean_photo.")
    if not reason.strip():
        raise TransitionError(_("Say what went wrong."), code="missing_reason")
    with transaction.atomic():
        transition(Order, order.pk, S.DISPUTED, ORDER_TRANSITIONS, actor=actor, note=reason[:200])
        dispute = Dispute.objects.create(order=order, opened_by=actor, reason=reason)
        for photo in photos:
            DisputePhoto.objects.create(dispute=dispute, image=photo, name=photo.original_name)
    return dispute


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
