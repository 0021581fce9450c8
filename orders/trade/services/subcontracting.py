"""Subcontracting: request capacity from a cluster, offer part capacity, allocate across offers, confirm."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Supplier
from marketplace.workflow import TransitionError, lock, record, transition
from orders.checkout.ordering import LineSpec, create_order

from .. import notifications
from ..models import Allocation, AllocationLine, CapacityOffer, SubcontractRequest
from .access import member_supplier_ids, require_member

REQUEST_TRANSITIONS = {
    SubcontractRequest.State.ALLOCATED: {SubcontractRequest.State.OPEN},
    SubcontractRequest.State.CANCELLED: {SubcontractRequest.State.OPEN},
}
OFFER_TRANSITIONS = {
    CapacityOffer.State.WITHDRAWN: {CapacityOffer.State.OFFERED},
    CapacityOffer.State.OFFERED: {CapacityOffer.State.WITHDRAWN},
}
ALLOCATION_TRANSITIONS = {
    Allocation.State.CONFIRMED: {Allocation.State.DRAFT},
    Allocation.State.CANCELLED: {Allocation.State.DRAFT},
}


def cluster_members(cluster):
    return Supplier.objects.active().filter(clusters=cluster)


def can_allocate(request, user):
    return user.is_authenticated and (request.requester_id == user.pk or user.is_curator)


def request_capacity(*, cluster, requester, requesting_supplier=None, certifications=(), **fields):
    """Open a subcontracting request to every active supplier of `cluster` (they are emailed)."""
    if requesting_supplier is not None:
        require_member(requester, requesting_supplier)
    if fields["deadline"] <= timezone.localdate():
        raise TransitionError(_("The deadline must be in the future."), code="deadline_past")
    with transaction.atomic():
        request = SubcontractRequest.objects.create(
            cluster=cluster, requester=requester, requesting_supplier=requesting_supplier, **fields
        )
        request.certifications_required.set(certifications)
        record(request, "", request.state, requester, note=f"asked cluster {cluster.slug}")
        suppliers = list(cluster_members(cluster).exclude(pk=getattr(requesting_supplier, "pk", None)))
        notifications.notify_cluster_of_request(request, suppliers)
    return request


def offer_capacity(request, *, supplier, actor, quantity, unit_price, lead_time_days, notes=""):
    """A cluster member offers (or revises) part capacity on an open request. Refuses non-members of the
    cluster, the requesting supplier itself, and suppliers missing a required valid certification."""
    require_member(actor, supplier)
    with transaction.atomic():
        request = lock(SubcontractRequest, request.pk)
        if request.state != SubcontractRequest.State.OPEN:
            raise TransitionError(_("This request no longer takes offers."), code="request_closed")
        if not supplier.clusters.filter(pk=request.cluster_id).exists():
            raise TransitionError(
                _("Only suppliers of this cluster can offer capacity."), code="not_in_cluster"
            )
        if supplier.pk == request.requesting_supplier_id:
            raise TransitionError(_("You cannot offer on your own request."), code="own_request")
        required = set(request.certifications_required.values_list("pk", flat=True))
        held = set(supplier.certifications.valid().values_list("type_id", flat=True))
        if required - held:
            raise TransitionError(
                _("This request needs certifications you do not hold."), code="certification"
            )
        offer, created = CapacityOffer.objects.select_for_update().get_or_create(
            request=request,
            supplier=supplier,
            defaults={
                "offered_by": actor,
                "quantity": quantity,
                "unit_price": unit_price,
                "lead_time_days": lead_time_days,
                "notes": notes,
            },
        )
        if created:
            record(offer, "", offer.state, actor, note="capacity offered")
            notifications.notify_requester_of_offer(offer)
        else:

            def revise(obj):
                obj.quantity, obj.unit_price, obj.lead_time_days, obj.notes = (
                    quantity, unit_price, lead_time_days, notes
                )  # fmt: skip
                obj.offered_by = actor
                obj.revision += 1

            if offer.state == CapacityOffer.State.WITHDRAWN:
                # Offering again after a withdrawal is a state change like any other.
                offer = transition(
                    CapacityOffer, offer.pk, CapacityOffer.State.OFFERED, OFFER_TRANSITIONS,
                    actor=actor, note=f"revision {offer.revision + 1}", apply=revise,
                ).obj  # fmt: skip
            else:
                # New terms on a standing offer: the state stays, the revision is recorded.
                revise(offer)
                offer.save()
                record(offer, offer.state, offer.state, actor, note=f"revision {offer.revision}")
    return offer


def withdraw_offer(offer, *, actor):
    def check(o):
        require_member(actor, o.supplier)
        if o.request.state != SubcontractRequest.State.OPEN:
            raise TransitionError(_("This request is closed."), code="request_closed")

    return transition(
        CapacityOffer, offer.pk, CapacityOffer.State.WITHDRAWN, OFFER_TRANSITIONS, actor=actor, check=check
    )


def _require_allocator(request, actor):
    if not can_allocate(request, actor):
        raise TransitionError(
            _("Only the requester or a curator allocates this request."), code="not_requester"
        )


def validate_allocation(request, quantities, offers):
    """Messages for an allocation {offer id: quantity}: must cover the total exactly, never exceed an offer,
    and only use live offers of this request. Empty list when valid."""
    errors = []
    by_id = {offer.pk: offer for offer in offers}
    for offer_id, qty in quantities.items():
        offer = by_id.get(offer_id)
        if offer is None or offer.state != CapacityOffer.State.OFFERED:
            errors.append(_("An allocation can only use current offers on this request."))
        elif qty < 0:
            errors.append(_("Quantities cannot be negative."))
        elif qty > offer.quantity:
            errors.append(
                _("%(supplier)s offered %(offered)s; %(qty)s is more than that.")
                % {"supplier": offer.supplier, "offered": offer.quantity, "qty": qty}
            )
    total = sum(qty for qty in quantities.values() if qty > 0)
    if total != request.quantity:
        errors.append(
            _("The allocation must cover exactly %(total)s; it covers %(given)s.")
            % {"total": request.quantity, "given": total}
        )
    return errors


def allocate(request, *, actor, quantities, seen_revisions):
    """Record and confirm an allocation {offer id: quantity} in one step: one order with one fulfilment per
    supplier, each at its own quantity and offered price. The request row is locked, so a second confirmation
    (double click, second tab) returns the first allocation; only the requester or a curator may do it.

    `seen_revisions` {offer id: CapacityOffer.revision} is what the requester's page showed: an offer the
    allocation uses that was revised since (offer_capacity locks the same row) refuses the whole allocation
    (code "offer_changed") with its new terms, so nobody orders at a price they did not see.
    """
    with transaction.atomic():
        request = lock(SubcontractRequest, request.pk)
        _require_allocator(request, actor)
        existing = (
            request.allocations.filter(state=Allocation.State.CONFIRMED).select_related("order").first()
        )
        if existing is not None:
            return existing
        if request.state != SubcontractRequest.State.OPEN:
            raise TransitionError(_("This request is closed."), code="request_closed")
        offers = list(request.offers.select_related("supplier"))
        quantities = {int(k): int(v) for k, v in quantities.items() if int(v) != 0}
        errors = validate_allocation(request, quantities, offers)
        if errors:
            raise TransitionError(" ".join(str(e) for e in errors), code="invalid_allocation")
        _require_as_seen(request, [offer for offer in offers if offer.pk in quantities], seen_revisions)
        allocation = Allocation.objects.create(request=request, created_by=actor)
        record(allocation, "", allocation.state, actor)
        by_id = {offer.pk: offer for offer in offers}
        for offer_id, qty in quantities.items():
            AllocationLine.objects.create(allocation=allocation, offer=by_id[offer_id], quantity=qty)
        return confirm_allocation(allocation, actor=actor)


def _require_as_seen(request, offers, seen_revisions):
    refusals = []
    for offer in offers:
        seen = seen_revisions.get(offer.pk)
        if seen == offer.revision:
            continue
        terms = {
            "supplier": offer.supplier.name,
            "quantity": offer.quantity,
            "price": offer.unit_price,
            "currency": request.currency,
            "days": offer.lead_time_days,
        }
        if seen is None:
            message = _("Your page did not show %(supplier)s's current offer: %(quantity)s at %(price)s "
                        "%(currency)s each, lead time %(days)s days.")  # fmt: skip
        else:
            message = _("%(supplier)s changed its offer after you opened this page: now %(quantity)s at "
                        "%(price)s %(currency)s each, lead time %(days)s days.")  # fmt: skip
        refusals.append(message % terms)
    if refusals:
        raise TransitionError(" ".join([*refusals, _("Look again before allocating.")]), code="offer_changed")


def confirm_allocation(allocation, *, actor):
    """draft → confirmed: creates the order (idempotent per allocation) and closes the request."""
    with transaction.atomic():

        def make_order(alloc):
            request = alloc.request
            lines = [
                LineSpec(
                    supplier=line.offer.supplier,
                    description=request.specification[:300],
                    quantity=line.quantity,
                    unit=request.unit,
                    unit_price=line.offer.unit_price,
                    lead_time_days=line.offer.lead_time_days,
                )
                for line in alloc.lines.select_related("offer__supplier")
            ]
            alloc.order = create_order(
                buyer=request.requester,
                currency=request.currency,
                lines=lines,
                source="subcontract",
                source_ref=f"allocation:{alloc.pk}",
                actor=actor,
            )

        result = transition(
            Allocation, allocation.pk, Allocation.State.CONFIRMED, ALLOCATION_TRANSITIONS, actor=actor,
            check=lambda a: _require_allocator(a.request, actor), apply=make_order,
        )  # fmt: skip
        transition(
            SubcontractRequest, result.obj.request_id, SubcontractRequest.State.ALLOCATED,
            REQUEST_TRANSITIONS, actor=actor, note=f"allocation {allocation.pk}",
        )  # fmt: skip
    return result.obj


def cancel_request(request, *, actor):
    return transition(
        SubcontractRequest, request.pk, SubcontractRequest.State.CANCELLED, REQUEST_TRANSITIONS, actor=actor,
        check=lambda r: _require_allocator(r, actor),
    )  # fmt: skip


def requests_for_user_suppliers(user):
    """Open requests to clusters of the user's suppliers (the supplier's subcontracting feed)."""
    ids = member_supplier_ids(user)
    return (
        SubcontractRequest.objects.filter(cluster__suppliers__in=ids)
        .exclude(requesting_supplier_id__in=ids)
        .select_related("cluster")
        .distinct()
    )
