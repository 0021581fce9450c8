"""Subcontracting: request capacity from a cluster, offer part capacity, allocate across offers, confirm."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Supplier
from marketplace.workflow import TransitionError, lock, record, transition
from orders.checkout.ordering import LineSpec, create_order

from .. import notifications
from ..models import Allocation, AllocationLine, CapacityOffer, SubcontractRequest
from ..units import days, quantity_with_unit
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


def allocated_by_offer(request) -> dict[int, int]:
    """{offer id: quantity} already given to each offer by the request's confirmed allocations."""
    rows = AllocationLine.objects.filter(
        allocation__request=request, allocation__state=Allocation.State.CONFIRMED
    ).values_list("offer_id", "quantity")
    given = {}
    for offer_id, qty in rows:
        given[offer_id] = given.get(offer_id, 0) + qty
    return given


def allocation_summary(request, given=None):
    """What the request's page shows: asked, allocated so far, still to cover, and the shortfall if closed."""
    given = allocated_by_offer(request) if given is None else given
    allocated = sum(given.values())
    return {
        "asked": request.quantity,
        "allocated": allocated,
        "remaining": max(request.quantity - allocated, 0),
        "shortfall": request.shortfall,
    }


def validate_allocation(request, quantities, offers, given=None):
    """Messages for an allocation {offer id: quantity}: at least one piece, no more than the request still
    needs, never more than what is left of an offer, and only live offers of this request. Less than what is
    left is allowed (a partial allocation); the caller decides what happens to the rest. Empty when valid.
    `given` is allocated_by_offer(request) (what earlier allocations of a request kept open already took)."""
    given = allocated_by_offer(request) if given is None else given

    def units(n):
        return quantity_with_unit(n, request.unit)

    errors = []
    by_id = {offer.pk: offer for offer in offers}
    for offer_id, qty in quantities.items():
        offer = by_id.get(offer_id)
        if offer is None or offer.state != CapacityOffer.State.OFFERED:
            errors.append(_("An allocation can only use current offers on this request."))
        elif qty < 0:
            errors.append(_("Quantities cannot be negative."))
        elif qty > offer.quantity - given.get(offer_id, 0):
            errors.append(
                _("%(supplier)s has %(left)s left of its offer; %(qty)s is more than that.")
                % {"supplier": offer.supplier, "left": units(offer.quantity - given.get(offer_id, 0)),
                   "qty": units(qty)}
            )  # fmt: skip
    total = sum(qty for qty in quantities.values() if qty > 0)
    remaining = request.quantity - sum(given.values())
    if total <= 0:
        errors.append(_("Enter a quantity for at least one offer."))
    elif total > remaining:
        errors.append(
            _("The allocation covers %(given)s; only %(remaining)s are still to allocate.")
            % {"given": units(total), "remaining": units(remaining)}
        )
    return errors


def allocate(request, *, actor, quantities, seen_revisions, remainder="", seen_allocated=0):
    """Record and confirm an allocation {offer id: quantity} in one step: one order with one fulfilment per
    supplier, each at its own quantity and offered price. Only the requester or a curator may do it.

    Offers may add up to less than what the request still needs: then `remainder` says what happens to the
    rest, SubcontractRequest.Remainder.KEEP_OPEN (the request takes offers and allocations for it) or CLOSE
    (it is closed, the shortfall recorded); without it the allocation is refused (code "remainder_needed").
    More than the request still needs is always refused.

    Idempotent: the request row is locked, and `seen_allocated` is the quantity already allocated as the
    requester's page showed it. When it no longer matches (a double click, a second tab), the latest
    allocation is returned if it is this same one, else the allocation is refused (code "allocation_changed").
    On a request already closed, the latest allocation is returned.

    `seen_revisions` {offer id: CapacityOffer.revision} is what the requester's page showed: an offer the
    allocation uses that was revised since (offer_capacity locks the same row) refuses the whole allocation
    (code "offer_changed") with its new terms, so nobody orders at a price they did not see.
    """
    with transaction.atomic():
        request = lock(SubcontractRequest, request.pk)
        _require_allocator(request, actor)
        quantities = {int(k): int(v) for k, v in quantities.items() if int(v) != 0}
        latest = (
            request.allocations.filter(state=Allocation.State.CONFIRMED)
            .select_related("order")
            .order_by("-pk")
            .first()
        )
        given = allocated_by_offer(request)
        if latest is not None and request.state != SubcontractRequest.State.OPEN:
            return latest
        if request.state != SubcontractRequest.State.OPEN:
            raise TransitionError(_("This request is closed."), code="request_closed")
        if sum(given.values()) != seen_allocated:
            if latest is not None and dict(latest.lines.values_list("offer_id", "quantity")) == quantities:
                return latest
            raise TransitionError(
                _(
                    "Since you opened this page, the allocated quantity changed to %(n)s. Look again before "
                    "allocating."
                )
                % {"n": quantity_with_unit(sum(given.values()), request.unit)},
                code="allocation_changed",
            )
        offers = list(request.offers.select_related("supplier"))
        errors = validate_allocation(request, quantities, offers, given)
        if errors:
            raise TransitionError(" ".join(str(e) for e in errors), code="invalid_allocation")
        short = request.quantity - sum(given.values()) - sum(quantities.values())
        if short and remainder not in SubcontractRequest.Remainder.values:
            raise TransitionError(
                _("The offers cover %(given)s of the %(left)s still needed: choose whether the request "
                  "stays open for the other %(short)s or closes with them short.")
                % {"given": quantity_with_unit(sum(quantities.values()), request.unit),
                   "left": quantity_with_unit(short + sum(quantities.values()), request.unit),
                   "short": quantity_with_unit(short, request.unit)},
                code="remainder_needed",
            )  # fmt: skip
        _require_as_seen(request, [offer for offer in offers if offer.pk in quantities], seen_revisions)
        allocation = Allocation.objects.create(request=request, created_by=actor)
        record(allocation, "", allocation.state, actor)
        by_id = {offer.pk: offer for offer in offers}
        for offer_id, qty in quantities.items():
            AllocationLine.objects.create(allocation=allocation, offer=by_id[offer_id], quantity=qty)
        return confirm_allocation(allocation, actor=actor, remainder=remainder if short else "")


def _require_as_seen(request, offers, seen_revisions):
    refusals = []
    for offer in offers:
        seen = seen_revisions.get(offer.pk)
        if seen == offer.revision:
            continue
        terms = {
            "supplier": offer.supplier.name,
            "quantity": quantity_with_unit(offer.quantity, request.unit),
            "price": offer.unit_price,
            "currency": request.currency,
            "days": days(offer.lead_time_days),
        }
        if seen is None:
            message = _("Your page did not show %(supplier)s's current offer: %(quantity)s at %(price)s "
                        "%(currency)s each, lead time %(days)s.")  # fmt: skip
        else:
            message = _("%(supplier)s changed its offer after you opened this page: now %(quantity)s at "
                        "%(price)s %(currency)s each, lead time %(days)s.")  # fmt: skip
        refusals.append(message % terms)
    if refusals:
        raise TransitionError(" ".join([*refusals, _("Look again before allocating.")]), code="offer_changed")


def confirm_allocation(allocation, *, actor, remainder=""):
    """draft → confirmed: creates the order (idempotent per allocation). The request is then allocated when
    its confirmed allocations cover the total; when they do not, `remainder` decides: KEEP_OPEN leaves it open
    for the rest (recorded), CLOSE closes it (allocated) with the shortfall recorded."""
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
                incoterm=request.incoterm,
                incoterm_place=request.incoterm_place,
            )

        result = transition(
            Allocation, allocation.pk, Allocation.State.CONFIRMED, ALLOCATION_TRANSITIONS, actor=actor,
            check=lambda a: _require_allocator(a.request, actor), apply=make_order,
        )  # fmt: skip
        request = lock(SubcontractRequest, result.obj.request_id)
        summary = allocation_summary(request)
        note = f"allocation {allocation.pk}: {summary['allocated']} of {summary['asked']}"
        if summary["remaining"] and remainder == SubcontractRequest.Remainder.KEEP_OPEN:
            if request.remainder != remainder:
                request.remainder = remainder
                request.save(update_fields=["remainder"])
            # The request stays open: no state changes, but the partial allocation is in its history.
            record(request, request.state, request.state, actor, note=f"{note}, open for the rest")
        elif summary["remaining"]:
            # Closing is the default for a partial allocation nobody said to keep open: the shortfall is
            # recorded rather than the request claiming to be fully allocated.
            close_short(request, actor=actor, note=f"{note}, closed short")
        else:
            transition(
                SubcontractRequest, request.pk, SubcontractRequest.State.ALLOCATED, REQUEST_TRANSITIONS,
                actor=actor, note=note,
            )  # fmt: skip
    return result.obj


def close_short(request, *, actor, note="closed short"):
    """open → allocated with what is still uncovered recorded as the shortfall: the requester of a request
    kept open gives up on the rest. Refused before anything was allocated (that is a cancellation)."""

    def check(req):
        _require_allocator(req, actor)
        if not allocated_by_offer(req):
            raise TransitionError(
                _("Nothing is allocated yet; cancel the request instead."), code="nothing_allocated"
            )

    def apply(req):
        req.remainder = SubcontractRequest.Remainder.CLOSE
        req.shortfall = allocation_summary(req)["remaining"]

    return transition(
        SubcontractRequest, request.pk, SubcontractRequest.State.ALLOCATED, REQUEST_TRANSITIONS,
        actor=actor, note=note, check=check, apply=apply,
    )  # fmt: skip


def cancel_request(request, *, actor):
    """open → cancelled, before anything is allocated; a request kept open after a partial allocation has
    orders, so it is closed short (close_short) instead."""

    def check(req):
        _require_allocator(req, actor)
        if allocated_by_offer(req):
            raise TransitionError(
                _("Part of this request is allocated; close it with the shortfall recorded instead."),
                code="partly_allocated",
            )

    return transition(
        SubcontractRequest, request.pk, SubcontractRequest.State.CANCELLED, REQUEST_TRANSITIONS, actor=actor,
        check=check,
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
