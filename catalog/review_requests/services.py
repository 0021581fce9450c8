"""Asking for review of a hidden listing, and the curator's two answers.

- `ask_for_review`: a member of the listing's supplier who may work on listings, only while the listing is
  hidden, one open request per product (the product row is locked, so two members cannot both open one).
- `unhide_after_review` / `keep_hidden`: curators only; each is a transition of the request (audited through
  marketplace.workflow) and, for unhiding, the existing `catalog.services.unhide_product`, in one transaction.
- `unhide_listing`: a curator shows a hidden listing again from the admin's product list; an open request for
  it is closed as answered, as if the curator had answered it in the queue.
Every decision is emailed to the supplier's members (`emails`), in the same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError, history, lock, record, transition

from .. import services as catalog_services
from ..models import Product
from ..permissions import may
from . import emails
from .models import NOTE_MAX_LENGTH, REPLY_MAX_LENGTH, ReviewRequest

State = ReviewRequest.State

# {to_state: {from_states}}: a decision is final; the artisan asks again with a new request.
TRANSITIONS = {
    State.UNHIDDEN: {State.OPEN},
    State.KEPT_HIDDEN: {State.OPEN},
}


def _clean_text(text, max_length, required_message):
    text = (text or "").strip()
    if not text:
        raise ValidationError(required_message, code="required")
    if len(text) > max_length:
        raise ValidationError(
            _("Keep it under %(max)d characters (it has %(count)d).")
            % {"max": max_length, "count": len(text)},
            code="too_long",
        )
    return text


def ask_for_review(user, product_id, note):
    """The artisan asks a curator to look again at their hidden listing. Returns the new open request.

    Raises PermissionDenied for anyone who may not work on the supplier's listings, ValidationError when the
    listing is not hidden, already has an open request, or the note is empty or too long.
    """
    note = _clean_text(note, NOTE_MAX_LENGTH, _("Say in a few words what you changed."))
    with transaction.atomic():
        product = lock(Product, product_id)
        if not may(user, "work_on_listings", product.supplier):
            raise PermissionDenied(_("Only the supplier's members may ask for a review of this listing."))
        if not product.hidden_by_curator:
            raise ValidationError(
                _("This listing is not hidden: there is nothing to review."), code="not_hidden"
            )
        if ReviewRequest.objects.filter(product=product, state=State.OPEN).exists():
            raise ValidationError(
                _("You have already asked for a review; a curator will answer soon."), code="already_open"
            )
        request = ReviewRequest.objects.create(
            product=product, requested_by=user, note=note, hidden_reason=product.hidden_reason
        )
        record(request, "", State.OPEN, user, note=note)
    return request


def _require_curator(curator):
    if not getattr(curator, "is_curator", False):
        raise PermissionDenied(_("Only curators moderate listings."))


def _decide(curator, request_id, to, reply):
    def apply(request):
        request.reply = reply
        request.decided_by = curator
        request.decided_at = timezone.now()

    return transition(ReviewRequest, request_id, to, TRANSITIONS, actor=curator, note=reply, apply=apply)


def _unhide(curator, product, review, note):
    """Show `product` again (catalog.services.unhide_product) and email its supplier; inside the caller's
    transaction, with the product locked. The email's key is the audit record of this unhiding."""
    product = catalog_services.unhide_product(product.pk, curator)
    change = history(product).filter(field="moderation", to_state="visible").last()
    emails.tell_supplier(
        product, "unhidden", note=note, review=review, key=f"listing-unhidden:{product.pk}:{change.pk}"
    )
    return product


def unhide_after_review(curator, request_id, note=""):
    """The curator agrees: the listing is shown again (catalog.services.unhide_product), the request is
    closed and the supplier's members are emailed, with the curator's optional `note`, in one transaction.
    Raises TransitionError if the request was already decided."""
    _require_curator(curator)
    note = (note or "").strip()[:REPLY_MAX_LENGTH]
    with transaction.atomic():
        # The product first, then the request, as unhide_listing and ask_for_review lock them.
        product = lock(Product, ReviewRequest.objects.values_list("product_id", flat=True).get(pk=request_id))
        result = _decide(curator, request_id, State.UNHIDDEN, note)
        if not result.changed:
            raise TransitionError(_("This request was already answered."), code="already_decided")
        if product.hidden_by_curator:
            _unhide(curator, product, result.obj, note)
    return result.obj


def unhide_listing(curator, product_id, note=""):
    """A curator shows a hidden listing again from anywhere but the queue (the admin's product list).

    Its open review request, if any, is closed as answered (State.UNHIDDEN, the curator its actor, through
    marketplace.workflow), the listing is unhidden and the supplier's members are emailed, in one
    transaction with the product row locked. Idempotent: a visible listing changes nothing and emails no one.
    Returns the product.
    """
    _require_curator(curator)
    note = (note or "").strip()[:REPLY_MAX_LENGTH]
    with transaction.atomic():
        product = lock(Product, product_id)
        if not product.hidden_by_curator:
            return product
        review = ReviewRequest.objects.filter(product=product, state=State.OPEN).first()
        if review is not None:
            review = _decide(curator, review.pk, State.UNHIDDEN, note).obj
        return _unhide(curator, product, review, note)


def keep_hidden(curator, request_id, reply):
    """The curator keeps the listing hidden and tells the artisan why (the reply is required: it is all they
    see); the supplier's members are emailed the reply. Raises TransitionError if the request was already
    decided."""
    _require_curator(curator)
    reply = _clean_text(reply, REPLY_MAX_LENGTH, _("Tell the artisan what still needs to change."))
    with transaction.atomic():
        result = _decide(curator, request_id, State.KEPT_HIDDEN, reply)
        if not result.changed:
            raise TransitionError(_("This request was already answered."), code="already_decided")
        review = result.obj
        emails.tell_supplier(
            review.product, "kept_hidden", note=reply, review=review, key=f"review-kept-hidden:{review.pk}"
        )
    return review


def queue_counts():
    """{state: count} for every state, for the dashboard panel and the queue's tabs."""
    counts = dict(
        ReviewRequest.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in State.values}
