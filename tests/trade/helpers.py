"""Accepting and allocating as a buyer whose page shows the current terms (the revisions it names)."""

from orders.trade.models import CapacityOffer, Quote
from orders.trade.services import rfqs, subcontracting


def seen_quote(quote):
    """The accept form's hidden fields for `quote` as the comparison page shows it now."""
    quote = Quote.objects.select_related("rfq").get(pk=quote.pk)
    total = quote.total_for(quote.rfq.quantity)
    return {"revision": str(quote.revision), "total": str(total.amount), "currency": total.currency}


def accept_as_seen(quote, actor):
    """accept_quote for the quote's current revision and total."""
    current = Quote.objects.select_related("rfq").get(pk=quote.pk)
    return rfqs.accept_quote(
        quote,
        actor=actor,
        seen_revision=current.revision,
        seen_total=current.total_for(current.rfq.quantity),
    )


def current_revisions(request):
    return dict(CapacityOffer.objects.filter(request=request).values_list("pk", "revision"))


def allocation_form(request, quantities):
    """The allocation form's fields: offer-<id> quantities and each offer's current revision-<id>."""
    fields = {f"revision-{pk}": str(revision) for pk, revision in current_revisions(request).items()}
    return fields | {f"offer-{pk}": str(quantity) for pk, quantity in quantities.items()}


def allocate_as_seen(request, actor, quantities):
    """allocate with the offers' current revisions."""
    return subcontracting.allocate(
        request, actor=actor, quantities=quantities, seen_revisions=current_revisions(request)
    )
