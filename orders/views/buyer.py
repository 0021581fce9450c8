"""Buyer pages: cart, checkout, the buyer's orders, paying, confirming delivery, disputes."""

import contextlib
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product
from marketplace.exchange.services import RateMissing, convert
from marketplace.money import Money
from marketplace.workflow import TransitionError, history

from .. import cart
from ..forms import AddToCartForm, CheckoutForm, DisputeForm
from ..models import Fulfilment, Order, OrderLine, Payment
from ..services.cancellation import PAID, cancel_order
from ..services.lifecycle import confirm_delivery, open_dispute
from ..services.ordering import CheckoutError, check_cart_line, checkout
from ..services.payments import PaymentError, start_payment, sync_payment


def _display_in(money, currency):
    """The amount in the buyer's preferred currency for display only; None without a stored rate."""
    if not currency or currency == money.currency:
        return None
    try:
        return convert(money, currency).rounded()
    except RateMissing:
        return None


def _cart_totals(lines):
    totals = {}
    for line in lines:
        amount = line.amount
        totals[amount.currency] = totals.get(amount.currency, Money.zero(amount.currency)) + amount
    return [total.rounded() for total in totals.values()]


def cart_view(request):
    lines = cart.lines(request)
    totals = _cart_totals(lines)
    preferred = getattr(request.user, "preferred_currency", "") if request.user.is_authenticated else ""
    converted = [_display_in(total, preferred) for total in totals]
    return render(
        request,
        "orders/cart.html",
        {"lines": lines, "totals": list(zip(totals, converted, strict=True)), "preferred": preferred},
    )


@require_POST
def cart_add(request):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a quantity of at least 1."))
        return _back(request, "orders:cart")
    product = get_object_or_404(
        Product.objects.visible().select_related("supplier"), slug=form.cleaned_data["product"]
    )
    try:
        line = check_cart_line(product, form.cleaned_data.get("quantity") or 0, form.cleaned_data["sample"])
    except CheckoutError as error:
        messages.error(request, error.message)
        return _back_to_product(request, product)
    cart.add(request, line)
    messages.success(request, _("%(title)s is in your cart.") % {"title": product.title})
    return redirect("orders:cart")


def _back(request, fallback):
    """Back to the page the form was on, so the buyer sees the message beside it; only to our own host."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return redirect(referer)
    return redirect(fallback)


def _back_to_product(request, product):
    try:
        return _back(request, product.get_absolute_url())
    except NoReverseMatch:
        return redirect("orders:cart")


@require_POST
def cart_remove(request):
    with contextlib.suppress(ValueError):
        cart.remove(request, int(request.POST.get("index", "-1")))
    return redirect("orders:cart")


@login_required
def checkout_view(request):
    lines = cart.lines(request)
    if not lines:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    initial = {"shipping_country": getattr(request.user, "country", "") or ""}
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            orders = checkout(buyer=request.user, cart_lines=lines, **form.cleaned_data)
        except CheckoutError as error:
            form.add_error(None, error.message)
        else:
            cart.clear(request)
            if len(orders) == 1:
                return redirect(orders[0])
            messages.success(request, _("One order per currency was created; pay each one."))
            return redirect("orders:list")
    return render(
        request, "orders/checkout.html", {"form": form, "lines": lines, "totals": _cart_totals(lines)}
    )


@login_required
def order_list(request):
    orders = (
        Order.objects.filter(buyer=request.user)
        .prefetch_related(
            "lines", Prefetch("fulfilments", queryset=Fulfilment.objects.select_related("supplier"))
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "orders/order_list.html", {"orders": orders})


def visible_order(user, pk):
    """The order if `user` is its buyer, a member of one of its suppliers, or an operator; else 404."""
    if not user.is_authenticated:
        raise Http404
    orders = Order.objects.all()
    if not user.is_operator:
        orders = orders.filter(Q(buyer=user) | Q(fulfilments__supplier__memberships__user=user)).distinct()
    return get_object_or_404(
        orders.select_related("buyer").prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product")),
            Prefetch(
                "fulfilments",
                queryset=Fulfilment.objects.select_related("supplier").prefetch_related("lines"),
            ),
            "disputes",
        ),
        pk=pk,
    )


@login_required
def order_detail(request, pk):
    order = visible_order(request.user, pk)
    is_buyer = order.buyer_id == request.user.pk
    if is_buyer and order.state == Order.State.AWAITING_PAYMENT:
        # Back from the card form (Stripe adds ?payment_intent=): ask Stripe ourselves, never trust the URL.
        pending = order.payments.filter(status=Payment.Status.PENDING).first()
        if pending and request.GET.get("payment_intent"):
            sync_payment(pending)
            order.refresh_from_db()
    fulfilments, lines, total = list(order.fulfilments.all()), list(order.lines.all()), order.total
    supplier_view = not is_buyer and not request.user.is_operator
    if supplier_view:
        # A supplier sees its own part: other suppliers' lines and prices in one order are not its business.
        own = set(request.user.memberships.values_list("supplier_id", flat=True))
        fulfilments = [f for f in fulfilments if f.supplier_id in own]
        kept = {f.pk for f in fulfilments}
        lines = [line for line in lines if line.fulfilment_id in kept]
        total = Money(sum((line.amount for line in lines), Decimal("0")), order.currency).rounded()
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "is_buyer": is_buyer,
            "supplier_view": supplier_view,
            "fulfilments": fulfilments,
            "lines": lines,
            "total": total,
            "history": history(order),
            "payment": order.payments.first(),
            "processing": bool(request.GET.get("payment_intent"))
            and order.state == Order.State.AWAITING_PAYMENT,
        },
    )


def _buyer_order(request, pk):
    order = visible_order(request.user, pk)
    if order.buyer_id != request.user.pk:
        raise Http404
    return order


@login_required
@require_POST
def order_pay(request, pk):
    order = _buyer_order(request, pk)
    try:
        payment = start_payment(order, request.user)
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect(order)
    return render(
        request,
        "orders/pay.html",
        {
            "order": order,
            "payment": payment,
            "total": order.total,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": request.build_absolute_uri(order.get_absolute_url()),
        },
    )


@login_required
@require_POST
def order_confirm(request, pk):
    order = _buyer_order(request, pk)
    try:
        confirm_delivery(order, request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: delivery confirmed and the supplier is paid."))
    return redirect(order)


@login_required
@require_POST
def order_cancel(request, pk):
    order = _buyer_order(request, pk)
    try:
        outcome = cancel_order(order, request.user)
    except (TransitionError, PaymentError) as error:
        messages.error(request, error.message)
    else:
        if outcome == PAID:
            messages.info(request, _("Your card payment had already gone through, so the order is paid."))
        else:
            messages.success(request, _("Your order is cancelled."))
    return redirect(order)


@login_required
def order_dispute(request, pk):
    order = _buyer_order(request, pk)
    form = DisputeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            open_dispute(
                order, request.user, reason=form.cleaned_data["reason"], photos=form.cleaned_data["photos"]
            )
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your dispute is open; the payment stays held until it is resolved."))
            return redirect(order)
    return render(request, "orders/dispute.html", {"order": order, "form": form})
