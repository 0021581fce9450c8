"""Asking for review of a hidden listing, and the curator's two answers.

- `ask_for_review`: a member of the listing's supplier who may work on listings, only while the listing is
  hidden, one open request per product (the product row is locked, so two members cannot both open one).
- `unhide_after_review` / `keep_hidden`: curators only; each is a transition of the request (audited through
  marketplace.workflow) and, for unhiding, the existing `catalog.services.unhide_product`, in one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError, lock, record, transition

from .. import services as catalog_services
from ..models import Product
from ..permissions import may
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


def unhide_after_review(curator, request_id):
    """The curator agrees: the listing is shown again (catalog.services.unhide_product) and the request is
    closed, in one transaction. Raises TransitionError if the request was already decided."""
    _require_curator(curator)
    with transaction.atomic():
        result = _decide(curator, request_id, State.UNHIDDEN, "")
        if not result.changed:
            raise TransitionError(_("This request was already answered."), code="already_decided")
        catalog_services.unhide_product(result.obj.product_id, curator)
    return result.obj


def keep_hidden(curator, request_id, reply):
    """The curator keeps the listing hidden and tells the artisan why (the reply is required: it is all they
    see). Raises TransitionError if the request was already decided."""
    _require_curator(curator)
    reply = _clean_text(reply, REPLY_MAX_LENGTH, _("Tell the artisan what still needs to change."))
    result = _decide(curator, request_id, State.KEPT_HIDDEN, reply)
    if not result.changed:
        raise TransitionError(_("This request was already answered."), code="already_decided")
    return result.obj


def queue_counts():
    """{state: count} for every state, for the dashboard panel and the queue's tabs."""
    counts = dict(
        ReviewRequest.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in State.values}
