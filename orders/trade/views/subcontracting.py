"""Subcontracting pages: ask a cluster, offer capacity, allocate across offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Cluster, Supplier
from marketplace.currency import form_currency
from marketplace.workflow import TransitionError
from orders.checkout.ordering import CheckoutError

from ..forms import OfferForm, SubcontractRequestForm
from ..models import CapacityOffer, SubcontractRequest
from ..services import subcontracting as service
from ..services.access import member_supplier_ids
from .rfqs import order_url


@login_required
def request_new(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    suppliers = Supplier.objects.filter(pk__in=member_supplier_ids(request.user))
    form = SubcontractRequestForm(
        request.POST or None, suppliers=suppliers, initial={"currency": form_currency(request)}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        certifications = data.pop("certifications_required")
        requesting_supplier = data.pop("on_behalf_of", None)
        try:
            sub = service.request_capacity(
                cluster=cluster,
                requester=request.user,
                requesting_supplier=requesting_supplier,
                certifications=certifications,
                **data,
            )
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your request was sent to the suppliers of %(c)s.") % {"c": cluster})
            return redirect("trade:subcontract", sub.pk)
    return render(
        request,
        "trade/subcontract_new.html",
        {"form": form, "cluster": cluster},
        status=400 if form.errors else 200,
    )


@login_required
def my_requests(request):
    requests = SubcontractRequest.objects.filter(requester=request.user).select_related("cluster")[:100]
    return render(request, "trade/subcontract_list.html", {"requests": requests, "feed": False})


@login_required
def sell_requests(request):
    if not member_supplier_ids(request.user):
        raise Http404
    requests = service.requests_for_user_suppliers(request.user).filter(state=SubcontractRequest.State.OPEN)
    requests = requests[:100]
    return render(request, "trade/subcontract_list.html", {"requests": requests, "feed": True})


def _visible_request(user, pk):
    """Requester, curators, and members of the cluster's suppliers see a request; others get 404."""
    sub = get_object_or_404(
        SubcontractRequest.objects.select_related("cluster", "requester", "requesting_supplier"), pk=pk
    )
    if service.can_allocate(sub, user):
        return sub, None
    member_of_cluster = Supplier.objects.filter(
        pk__in=member_supplier_ids(user), clusters=sub.cluster_id
    ).first()
    if member_of_cluster is None:
        raise Http404
    return sub, member_of_cluster


@login_required
def request_detail(request, pk):
    sub, acting_supplier = _visible_request(request.user, pk)
    context = {"sub": sub, "certifications": sub.certifications_required.all()}
    if acting_supplier is None:
        offers = list(sub.offers.select_related("supplier"))
        given = service.allocated_by_offer(sub)
        for offer in offers:
            # What an allocation may still take from each offer (earlier allocations of a request kept open).
            offer.left = offer.quantity - given.get(offer.pk, 0)
        allocations = list(
            sub.allocations.filter(state="confirmed").select_related("order").prefetch_related("lines")
        )
        context.update(
            offers=offers,
            allocations=allocations,
            summary=service.allocation_summary(sub, given),
        )
        return render(request, "trade/subcontract_detail.html", context)
    offer = CapacityOffer.objects.filter(request=sub, supplier=acting_supplier).first()
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            service.offer_capacity(sub, supplier=acting_supplier, actor=request.user, **form.cleaned_data)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your capacity offer is saved."))
            return redirect("trade:subcontract", sub.pk)
    context.update(form=form, offer=offer, supplier=acting_supplier)
    return render(request, "trade/subcontract_offer.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def allocate(request, pk):
    sub, acting_supplier = _visible_request(request.user, pk)
    if acting_supplier is not None:
        raise Http404
    quantities, seen_revisions = {}, {}
    try:
        for key, value in request.POST.items():
            if key.startswith("offer-") and value.strip():
                quantities[int(key.removeprefix("offer-"))] = int(value)
    except ValueError:
        messages.error(request, _("Quantities must be whole numbers."))
        return redirect("trade:subcontract", sub.pk)
    try:
        # The hidden revision-<offer id> fields: each offer's terms as this page showed them.
        for key, value in request.POST.items():
            if key.startswith("revision-"):
                seen_revisions[int(key.removeprefix("revision-"))] = int(value)
    except ValueError:
        messages.error(
            request, _("This page did not say which offers you saw; look again before allocating.")
        )
        return redirect("trade:subcontract", sub.pk)
    try:
        # What the page showed as already allocated: a replayed form (double click) is told apart by it.
        seen_allocated = int(request.POST.get("seen_allocated") or 0)
    except ValueError:
        seen_allocated = -1
    remainder = request.POST.get("remainder", "")
    try:
        allocation = service.allocate(
            sub,
            actor=request.user,
            quantities=quantities,
            seen_revisions=seen_revisions,
            remainder=remainder,
            seen_allocated=seen_allocated,
        )
    except (TransitionError, CheckoutError) as exc:
        messages.error(request, exc.message)
        return redirect("trade:subcontract", sub.pk)
    messages.success(request, _("Allocation confirmed; one order was created with a part for each supplier."))
    return redirect(order_url(allocation.order))


@login_required
@require_POST
def close_short(request, pk):
    """The requester of a request kept open after a partial allocation gives up on the rest."""
    sub, acting_supplier = _visible_request(request.user, pk)
    if acting_supplier is not None:
        raise Http404
    try:
        service.close_short(sub, actor=request.user)
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The request is closed; the shortfall is recorded."))
    return redirect("trade:subcontract", sub.pk)
