"""Supplier pages: their parts of orders (accept, decline, ship) and their balance and payout details."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Supplier
from marketplace.workflow import TransitionError

from ..forms import DeclineForm, PayoutAccountForm, ShipForm
from ..models import Fulfilment, OrderLine, PayoutAccount
from ..services import statements
from ..services.ledger import supplier_balances
from ..services.lifecycle import accept_fulfilment, decline_fulfilment, ship_fulfilment
from ..services.payments import PaymentError
from ..services.states import PAID_STATES


def _my_suppliers(user):
    suppliers = list(Supplier.objects.filter(memberships__user=user).order_by("name"))
    if not suppliers:
        raise Http404
    return suppliers


@login_required
def sell_orders(request):
    suppliers = _my_suppliers(request.user)
    fulfilments = (
        Fulfilment.objects.filter(supplier__in=suppliers, order__state__in=PAID_STATES)
        .select_related("order", "supplier")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        .order_by("-order__created_at", "-pk")
    )
    return render(request, "orders/sell_orders.html", {"fulfilments": fulfilments, "ship_form": ShipForm()})


def _my_fulfilment(request, pk):
    fulfilment = get_object_or_404(
        Fulfilment.objects.select_related("order", "supplier").filter(
            supplier__memberships__user=request.user
        ),
        pk=pk,
    )
    return fulfilment


@login_required
@require_POST
def fulfilment_accept(request, pk):
    fulfilment = _my_fulfilment(request, pk)
    try:
        accept_fulfilment(fulfilment, request.user)
        messages.success(request, _("Accepted. Ship it when it is ready."))
    except TransitionError as error:
        messages.error(request, error.message)
    return redirect("orders:sell-orders")


@login_required
@require_POST
def fulfilment_decline(request, pk):
    fulfilment = _my_fulfilment(request, pk)
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
    fulfilment = _my_fulfilment(request, pk)
    form = ShipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ship_fulfilment(fulfilment, request.user, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Marked as shipped; the buyer can follow the tracking number."))
            return redirect("orders:sell-orders")
    return render(request, "orders/ship.html", {"fulfilment": fulfilment, "form": form})


@login_required
def sell_balance(request):
    suppliers = _my_suppliers(request.user)
    rows = [
        {
            "supplier": supplier,
            "balances": supplier_balances(supplier),
            "statements": statements.order_statements(supplier),
            "payouts": statements.payouts(supplier),
            "payout_account": PayoutAccount.objects.filter(supplier=supplier).first(),
        }
        for supplier in suppliers
    ]
    return render(request, "orders/sell_balance.html", {"rows": rows})


@login_required
def payout_account_edit(request, supplier_pk):
    supplier = get_object_or_404(Supplier.objects.filter(memberships__user=request.user), pk=supplier_pk)
    if not supplier.memberships.filter(user=request.user, role="owner").exists():
        raise Http404
    instance = PayoutAccount.objects.filter(supplier=supplier).first() or PayoutAccount(supplier=supplier)
    form = PayoutAccountForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Payout details saved."))
        return redirect("orders:sell-balance")
    return render(request, "orders/payout_account.html", {"supplier": supplier, "form": form})
