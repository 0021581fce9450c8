"""Operator pages (Operators group): refunds, disputes, the ledger, payout batches."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.money import Money
from marketplace.workflow import TransitionError

from ..access import visible_order
from ..disputes import resolve_dispute
from ..forms import AmountForm, ResolveForm
from ..ledger import book, payouts
from ..ledger.forms import PayoutBatchForm, SettlementUploadForm
from ..ledger.models import Rail
from ..ledger.reconcile import ledger_problems
from ..models import Account, Dispute, LedgerTransaction, Order, PayoutBatch
from ..payments import late_payments
from ..payments.errors import PaymentError
from ..payments.intents import payments_under_review
from ..payments.refunds import refund_order


def operator_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_operator:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@operator_required
def ops_orders(request):
    orders = Order.objects.select_related("buyer").order_by("-created_at", "-pk")[:100]
    disputes = Dispute.objects.filter(state=Dispute.State.OPEN).select_related("order")
    context = {
        "orders": orders,
        "disputes": disputes,
        "late_payments": late_payments.cancelled_orders_holding_money(),
        "payments_under_review": payments_under_review(),
    }
    return render(request, "orders/ops_orders.html", context)


@operator_required
@require_POST
def ops_refund_late_payment(request, pk):
    """The one-click refund of a payment that arrived after its order was cancelled (see late_payments)."""
    order = get_object_or_404(Order, pk=pk)
    try:
        refund = late_payments.refund_late_payment(order, request.user)
    except (PaymentError, TransitionError) as error:
        messages.error(request, error.message)
    else:
        if refund is None:
            messages.info(request, _("Order %(number)s holds nothing to refund.") % {"number": order.pk})
        else:
            messages.success(
                request,
                _("%(amount)s refunded to the buyer of order %(number)s.")
                % {"amount": Money(refund.amount, refund.currency), "number": order.pk},
            )
    return redirect("orders:ops-orders")


@operator_required
def ops_order(request, pk):
    order = visible_order(request.user, pk)
    refund_form = AmountForm(prefix="refund")
    resolve_form = ResolveForm(prefix="resolve")
    if request.method == "POST" and "refund-amount" in request.POST:
        refund_form = AmountForm(request.POST, prefix="refund")
        if refund_form.is_valid():
            try:
                refund_order(
                    order,
                    Money(refund_form.cleaned_data["amount"], order.currency),
                    request.user,
                    reason=refund_form.cleaned_data["reason"],
                )
            except PaymentError as error:
                refund_form.add_error("amount", error.message)
            else:
                messages.success(request, _("Refund sent."))
                return redirect("orders:ops-order", pk=order.pk)
    elif request.method == "POST" and "resolve-resolution" in request.POST:
        resolve_form = ResolveForm(request.POST, prefix="resolve")
        dispute = order.disputes.filter(state=Dispute.State.OPEN).first()
        if dispute is None:
            resolve_form.add_error(None, _("This order has no open dispute."))
        elif resolve_form.is_valid():
            amount = resolve_form.cleaned_data.get("amount")
            try:
                resolve_dispute(
                    dispute,
                    request.user,
                    resolution=resolve_form.cleaned_data["resolution"],
                    refund_amount=Money(amount, order.currency) if amount else None,
                    note=resolve_form.cleaned_data["note"],
                )
            except (TransitionError, PaymentError) as error:
                resolve_form.add_error(None, error.message)
            else:
                messages.success(request, _("Dispute resolved."))
                return redirect("orders:ops-order", pk=order.pk)
    context = {
        "order": order,
        "total": order.total,
        "held": Money(book.held_in_escrow(order), order.currency),
        "transactions": LedgerTransaction.objects.filter(order=order).prefetch_related("entries__supplier"),
        "refund_form": refund_form,
        "resolve_form": resolve_form,
        "open_dispute": order.disputes.filter(state=Dispute.State.OPEN).prefetch_related("photos").first(),
    }
    return render(request, "orders/ops_order.html", context)


@operator_required
def ops_ledger(request):
    totals = book.account_totals()
    stripe_fees = [money for account, money in totals if account == Account.STRIPE_FEES]
    transactions = LedgerTransaction.objects.prefetch_related("entries__supplier").order_by(
        "-created_at", "-pk"
    )[:100]
    return render(
        request,
        "orders/ops_ledger.html",
        {
            "totals": totals,
            "stripe_fees": stripe_fees,
            "transactions": transactions,
            "problems": ledger_problems(),
        },
    )


@operator_required
def ops_payouts(request):
    form = PayoutBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = payouts.create_payout_batch(currency=form.cleaned_data["currency"], actor=request.user)
        if batch is None:
            messages.info(request, _("No supplier with payout details is above the payout threshold."))
        else:
            return redirect("orders:ops-payout", pk=batch.pk)
    batches = PayoutBatch.objects.prefetch_related("items")
    return render(request, "orders/ops_payouts.html", {"form": form, "batches": batches})


@operator_required
def ops_payout(request, pk):
    batch = get_object_or_404(PayoutBatch, pk=pk)
    upload = SettlementUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "settle-all" in request.POST:
        changed = payouts.settle_batch(batch, request.user)
        messages.success(request, _("%(n)s payout(s) marked paid.") % {"n": changed})
        return redirect("orders:ops-payout", pk=batch.pk)
    if request.method == "POST" and upload.is_valid():
        try:
            changed = payouts.settle_from_file(batch, upload.cleaned_data["file"], request.user)
        except payouts.SettlementFileError as error:
            upload.add_error("file", str(error))
        else:
            messages.success(request, _("%(n)s payout(s) marked paid.") % {"n": changed})
            return redirect("orders:ops-payout", pk=batch.pk)
    items = batch.items.select_related("supplier").order_by("pk")
    rails = [(value, label) for value, label in Rail.choices if any(i.rail == value for i in items)]
    return render(
        request, "orders/ops_payout.html", {"batch": batch, "items": items, "upload": upload, "rails": rails}
    )


@operator_required
def ops_payout_csv(request, pk, rail):
    batch = get_object_or_404(PayoutBatch, pk=pk)
    if rail not in Rail.values:
        raise Http404
    response = HttpResponse(payouts.export_csv(batch, rail), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payout-{batch.pk}-{rail}.csv"'
    return response
