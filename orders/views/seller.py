"""Supplier pages of an order's life: their parts of orders from the moment the orders exist (awaiting payment
included, so an accepted quote's order shows at once), and accepting, declining and shipping the paid ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.workflow import TransitionError

from ..access import members_fulfilment, members_suppliers
from ..financing.services import parts_open_to_advances
from ..forms import DeclineForm, ShipForm
from ..lifecycle import accept_fulfilment, decline_fulfilment, ship_fulfilment
from ..models import Fulfilment, OrderLine
from ..payments.errors import PaymentError
from ..seller_status import ACTIONABLE_ORDER_STATES, status_label

PAGE_SIZE = 20


@login_required
def sell_orders(request):
    suppliers = members_suppliers(request.user)
    fulfilments = (
        Fulfilment.objects.filter(supplier__in=suppliers)
        .select_related("order", "supplier")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        .order_by("-order__created_at", "-pk")
    )
    page = Paginator(fulfilments, PAGE_SIZE).get_page(request.GET.get("page"))
    open_to_advances = parts_open_to_advances(request.user, page)
    for fulfilment in page:
        fulfilment.status_label = status_label(fulfilment)
        fulfilment.actionable = fulfilment.order.state in ACTIONABLE_ORDER_STATES
        # An owner may ask a partner lender for an advance on a paid part held in escrow (orders.financing).
        fulfilment.may_ask_advance = fulfilment.pk in open_to_advances
    return render(request, "orders/sell_orders.html", {"fulfilments": page, "page": page})


@login_required
@require_POST
def fulfilment_accept(request, pk):
    fulfilment = members_fulfilment(request.user, pk)
    try:
        accept_fulfilment(fulfilment, request.user)
        messages.success(request, _("Accepted. Ship it when it is ready."))
    except TransitionError as error:
        messages.error(request, error.message)
    return redirect("orders:sell-orders")


@login_required
@require_POST
def fulfilment_decline(request, pk):
    fulfilment = members_fulfilment(request.user, pk)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        decline_fulfilment(fulfilment, request.user, reason=reason)
        messages.success(request, _("Declined; the buyer is refunded."))
    except (TransitionError, PaymentError) as error:
        messages.error(request, error.message)
    return redirect("orders:sell-orders")


@login_required
def fulfilment_ship(request, pk):
    fulfilment = members_fulfilment(request.user, pk)
    form = ShipForm(request.POST or None, fulfilment=fulfilment)
    if request.method == "POST" and form.is_valid():
        try:
            ship_fulfilment(fulfilment, request.user, **form.tracking(), details=form.details())
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Marked as shipped; the buyer can follow the tracking number."))
            return redirect("orders:sell-orders")
    return render(request, "orders/ship.html", {"fulfilment": fulfilment, "form": form})
