"""Buyer pages of an order's life: the buyer's orders, an order (also for its suppliers and operators),
confirming delivery, cancelling, disputing and the dispute's photos. Checkout is in `orders.checkout`, paying
in `orders.payments`."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.downloads import private_file_response
from marketplace.money import Money
from marketplace.workflow import TransitionError, history

from ..access import buyers_order, visible_order
from ..cancellation import PAID, cancel_order
from ..disputes import can_open_dispute, open_dispute, open_dispute_of
from ..documents.listing import documents_for
from ..forms import DisputeForm
from ..lifecycle import confirm_delivery
from ..models import DisputePhoto, Fulfilment, Order, Payment
from ..payments.errors import PaymentError
from ..payments.intents import sync_payment


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
            "can_dispute": is_buyer and can_open_dispute(order),
            "documents": documents_for(order, request.user),
            "processing": bool(request.GET.get("payment_intent"))
            and order.state == Order.State.AWAITING_PAYMENT,
        },
    )


@login_required
@require_POST
def order_confirm(request, pk):
    order = buyers_order(request.user, pk)
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
    order = buyers_order(request.user, pk)
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
    """The dispute form; while a dispute is open, that dispute instead (a second one would be refused)."""
    order = buyers_order(request.user, pk)
    form = DisputeForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            open_dispute(
                order, request.user, reason=form.cleaned_data["reason"], photos=form.cleaned_data["photos"]
            )
        except TransitionError as error:
            form.add_error(None, error.message)
            status = 409 if error.code == "dispute_open" else 200
        else:
            messages.success(request, _("Your dispute is open; the payment stays held until it is resolved."))
            return redirect(order)
    context = {"order": order, "form": form, "open_dispute": open_dispute_of(order)}
    return render(request, "orders/dispute.html", context, status=status)


@login_required
def dispute_photo(request, order_pk, pk):
    """A dispute's photo, as a download, to whoever may see the order (its buyer, its suppliers' members,
    operators: `visible_order`); 404 for everyone else, and for a photo of another order."""
    order = visible_order(request.user, order_pk)
    photo = get_object_or_404(DisputePhoto, dispute__order=order, pk=pk)
    return private_file_response(photo.image, filename=photo.download_name, content_type=photo.content_type)
