"""Orders in the back office: every order under what needs an operator now, and an order's own page with the
refund and dispute-resolution forms. Each action view parses its form, calls one service, shows a message."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.currency import format_money
from marketplace.money import Money
from marketplace.workflow import TransitionError

from ..access import visible_order, visible_orders
from ..disputes import resolve_dispute
from ..forms import AmountForm, ResolveForm
from ..ledger import book
from ..models import Dispute, LedgerTransaction, Order
from ..payments import late_payments
from ..payments.errors import PaymentError
from ..payments.intents import payments_under_review
from ..payments.refunds import refund_order, refundable_now


def total_text(order) -> str:
    """The listing's Total column: the amount as every page writes it (Money's str is not localised)."""
    return format_money(order.total)


class OrderIndexView(IndexView):
    """Every order, newest first, searchable and filterable, below what needs an operator now: payments that
    came in after their order was cancelled (with the one-click refund) and open disputes."""

    template_name = "orders/admin/order_index.html"

    def get_base_queryset(self):
        # The buyer and the lines (for the total) in two queries, however many orders the page shows.
        return Order.objects.select_related("buyer").prefetch_related("lines")

    def search_queryset(self, queryset):
        # Support is asked about "order 1234": a number finds that order; words search the buyer and address.
        query = self.search_query.strip().removeprefix("#")
        if self.is_searching and query.isdigit():
            return queryset.filter(pk=int(query))
        # A supplier's name reaches the order through its fulfilments: one row per order, however many match.
        return super().search_queryset(queryset).distinct()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:
            context["late_payments"] = late_payments.cancelled_orders_holding_money()
            context["payments_under_review"] = payments_under_review()
            context["open_disputes"] = Dispute.objects.filter(state=Dispute.State.OPEN).order_by("created_at")
        return context


class OrderView(WagtailAdminTemplateMixin, TemplateView):
    """An order's page: its state, money held, parties, lines, payments and refunds, ledger movements, and the
    refund and dispute forms (which post to the views below and come back here with their errors)."""

    template_name = "orders/admin/order.html"
    index_url_name = None
    inspect_url_name = None
    header_icon = "clipboard-list"

    def get(self, request, pk):
        return self.render_page(visible_order(request.user, pk))

    def render_page(self, order, *, refund_form=None, resolve_form=None):
        self.order = order
        refundable = refundable_now(order)
        context = self.get_context_data(
            order=order,
            held=Money(book.held_in_escrow(order), order.currency),
            # The refund form only where there is something to refund (never on an unpaid order); a form
            # with errors is always shown again, with what was typed.
            refundable=refundable,
            show_refund_form=refund_form is not None or refundable.amount > 0,
            payments=order.payments.order_by("attempt"),
            refunds=order.refunds.select_related("requested_by").order_by("pk"),
            transactions=LedgerTransaction.objects.filter(order=order).prefetch_related("entries__supplier"),
            open_dispute=order.disputes.filter(state=Dispute.State.OPEN).prefetch_related("photos").first(),
            refund_form=refund_form or AmountForm(prefix="refund"),
            resolve_form=resolve_form or ResolveForm(prefix="resolve"),
        )
        return self.render_to_response(context)

    def page_url(self, order):
        return reverse(self.inspect_url_name, args=[order.pk])

    def get_page_title(self):
        return str(self.order)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext_lazy("Orders")},
            {"url": "", "label": self.get_page_title()},
        ]


class RefundView(OrderView):
    """Refund part or all of what an order holds to the buyer's card (`refund_order`)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        order = visible_order(request.user, pk)
        form = AmountForm(request.POST, prefix="refund")
        if form.is_valid():
            amount = Money(form.cleaned_data["amount"], order.currency)
            try:
                refund_order(order, amount, request.user, reason=form.cleaned_data["reason"])
            except PaymentError as error:
                form.add_error("amount", error.message)
            else:
                messages.success(request, _("Refund sent."))
                return redirect(self.page_url(order))
        return self.render_page(order, refund_form=form)


class ResolveDisputeView(OrderView):
    """Resolve the order's open dispute (`resolve_dispute`): full refund, partial refund and release, or
    release."""

    http_method_names = ["post"]

    def post(self, request, pk):
        order = visible_order(request.user, pk)
        dispute = order.disputes.filter(state=Dispute.State.OPEN).first()
        if dispute is None:  # resolved meanwhile, e.g. in another tab: the page no longer shows the form
            messages.error(request, _("This order has no open dispute."))
            return redirect(self.page_url(order))
        form = ResolveForm(request.POST, prefix="resolve")
        if form.is_valid():
            amount = form.cleaned_data.get("amount")
            try:
                resolve_dispute(
                    dispute,
                    request.user,
                    resolution=form.cleaned_data["resolution"],
                    refund_amount=Money(amount, order.currency) if amount else None,
                    note=form.cleaned_data["note"],
                )
            except (TransitionError, PaymentError) as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Dispute resolved."))
                return redirect(self.page_url(order))
        return self.render_page(order, resolve_form=form)


class RefundLatePaymentView(View):
    """The one-click refund of a payment that arrived after its order was cancelled (see late_payments)."""

    http_method_names = ["post"]
    index_url_name = None

    def post(self, request, pk):
        order = get_object_or_404(visible_orders(request.user), pk=pk)
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
                    % {"amount": format_money(Money(refund.amount, refund.currency)), "number": order.pk},
                )
        return redirect(self.index_url_name)
