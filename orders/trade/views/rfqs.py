"""RFQ pages: the buyer's RFQs and quote comparison, the suppliers' feed and quote form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Supplier
from marketplace.currency import form_currency
from marketplace.workflow import TransitionError
from orders.checkout.ordering import CheckoutError
from orders.documents.listing import documents_for

from ..forms import QuestionForm, QuoteForm, RFQForm, SeenQuoteForm
from ..models import RFQ, Quote
from ..rfq_prefill import initial_from_product
from ..services import rfqs as service
from ..services.access import member_supplier_ids, rfqs_for_supplier_ids, supplier_can_see_rfq


def order_url(order):
    """Where an order from a quote or an allocation goes next: its address step while it has no address
    (nothing is paid before one), else the order."""
    if order.state == order.State.AWAITING_PAYMENT and not order.shipping_address:
        return reverse("orders:order-address", args=[order.pk])
    return reverse("orders:detail", args=[order.pk])


@login_required
def rfq_list(request):
    rfqs = (
        RFQ.objects.filter(buyer=request.user)
        .select_related("category")
        .annotate(quote_count=Count("quotes", filter=Q(quotes__state__in=["submitted", "accepted"])))
        .order_by("-created_at")[:100]
    )
    has_suppliers = bool(member_supplier_ids(request.user))
    return render(request, "trade/rfq_list.html", {"rfqs": rfqs, "has_suppliers": has_suppliers})


@login_required
def rfq_new(request):
    # From a product page (?product=<slug>) the form starts from that product; a buyer can change it all.
    from_product = initial_from_product(request.GET.get("product")) if request.method == "GET" else {}
    initial = {**from_product, "currency": form_currency(request)}
    form = RFQForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "attachments"}
        try:
            rfq = service.post_rfq(buyer=request.user, attachments=form.cleaned_data["attachments"], **fields)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your RFQ is posted; matching suppliers have been told."))
            return redirect("trade:rfq", rfq.pk)
    return render(request, "trade/rfq_new.html", {"form": form}, status=400 if form.errors else 200)


def _own_rfq(request, pk):
    return get_object_or_404(RFQ.objects.select_related("category", "cluster"), pk=pk, buyer=request.user)


@login_required
def rfq_detail(request, pk):
    rfq = _own_rfq(request, pk)
    quotes = list(
        rfq.quotes.exclude(state=Quote.State.WITHDRAWN)
        .select_related("supplier", "submitted_by")
        .prefetch_related("messages__author")
    )
    context = {
        "rfq": rfq,
        "rows": service.compare_quotes(rfq, quotes),
        "question_form": QuestionForm(),
        "attachments": rfq.attachments.all(),
        "documents": [link for quote in quotes for link in documents_for(quote, request.user)],
    }
    return render(request, "trade/rfq_detail.html", context)


@login_required
def quote_accept(request, pk, quote_pk):
    """GET: the confirmation step (no JavaScript needed): the quote's amount and currency, the buyer's
    currency beside it, Incoterm and named place, lead time, and a Confirm button. POST: accept, as the
    confirmation page showed the quote (its revision and total), then the order's address step."""
    rfq = _own_rfq(request, pk)
    quote = get_object_or_404(Quote.objects.select_related("supplier"), pk=quote_pk, rfq=rfq)
    if request.method == "POST":
        return _accept(request, rfq, quote)
    seen = SeenQuoteForm(request.GET, prefix="seen")
    row = service.compare_quotes(rfq, [quote])[0]
    refusal = service.why_not_acceptable(quote)
    context = {
        "rfq": rfq,
        "quote": quote,
        "row": row,
        "refusal": refusal,
        # The comparison page's Accept names the revision it showed; a revision since is said on this page,
        # whose Confirm then names the terms shown here.
        "revised_since": seen.is_valid() and seen.seen() != (quote.revision, row["total"]),
    }
    return render(request, "trade/quote_accept.html", context, status=409 if refusal else 200)


def _accept(request, rfq, quote):
    seen = SeenQuoteForm(request.POST)
    if not seen.is_valid():
        messages.error(request, _("This page did not say which terms you saw; look again before accepting."))
        return redirect("trade:rfq", rfq.pk)
    revision, total = seen.seen()
    try:
        order = service.accept_quote(quote, actor=request.user, seen_revision=revision, seen_total=total)
    except (TransitionError, CheckoutError) as exc:
        messages.error(request, exc.message)
        return redirect("trade:rfq", rfq.pk)
    messages.success(request, _("Quote accepted. Your order is waiting for payment."))
    return redirect(order_url(order))


@login_required
@require_POST
def quote_ask(request, pk, quote_pk):
    rfq = _own_rfq(request, pk)
    quote = get_object_or_404(Quote, pk=quote_pk, rfq=rfq)
    form = QuestionForm(request.POST)
    if form.is_valid():
        service.ask_on_quote(quote, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your question was sent to %(supplier)s.") % {"supplier": quote.supplier})
    else:
        messages.error(request, _("Write a question first."))
    return redirect(f"{reverse('trade:rfq', args=[rfq.pk])}#quote-{quote.pk}")


@login_required
@require_POST
def rfq_cancel(request, pk):
    rfq = _own_rfq(request, pk)
    try:
        service.cancel_rfq(rfq, actor=request.user)
        messages.success(request, _("The RFQ is cancelled."))
    except TransitionError as exc:
        messages.error(request, exc.message)
    return redirect("trade:rfq", rfq.pk)


def _acting_supplier(request):
    """The supplier the user acts for (?as=<slug> when they belong to several); 404 for non-members."""
    suppliers = Supplier.objects.filter(pk__in=member_supplier_ids(request.user)).order_by("name")
    chosen = request.GET.get("as") or request.POST.get("as")
    supplier = suppliers.filter(slug=chosen).first() if chosen else suppliers.first()
    if supplier is None:
        raise Http404
    return supplier, suppliers


@login_required
def sell_rfq_list(request):
    supplier, suppliers = _acting_supplier(request)
    rfqs = list(
        rfqs_for_supplier_ids({supplier.pk})
        .filter(state=RFQ.State.OPEN, deadline__gt=timezone.now())
        .select_related("category", "cluster")
        .order_by("deadline")[:100]
    )  # fmt: skip
    mine = dict(Quote.objects.filter(supplier=supplier, rfq__in=rfqs).values_list("rfq_id", "state"))
    rows = [{"rfq": rfq, "my_quote_state": mine.get(rfq.pk)} for rfq in rfqs]
    return render(
        request, "trade/sell_rfq_list.html", {"rows": rows, "supplier": supplier, "suppliers": suppliers}
    )


@login_required
def sell_rfq_detail(request, pk):
    """A matching supplier reads the RFQ and submits or revises its own quote; it never sees other quotes."""
    supplier, suppliers = _acting_supplier(request)
    rfq = get_object_or_404(RFQ.objects.select_related("category", "cluster"), pk=pk)
    if not supplier_can_see_rfq(supplier, rfq):
        raise Http404
    quote = Quote.objects.filter(rfq=rfq, supplier=supplier).first()
    form = QuoteForm(request.POST or None, instance=quote, initial=None if quote else {
        "currency": supplier.currency, "incoterm": rfq.incoterm,
    })  # fmt: skip
    question_form = QuestionForm(request.POST or None, prefix="q")
    if request.method == "POST" and request.POST.get("action") == "answer":
        if quote and question_form.is_valid():
            service.ask_on_quote(quote, author=request.user, body=question_form.cleaned_data["body"])
        return redirect(f"{reverse('trade:sell-rfq', args=[rfq.pk])}?as={supplier.slug}")
    if request.method == "POST" and request.POST.get("action") == "withdraw" and quote:
        try:
            service.withdraw_quote(quote, actor=request.user)
            messages.success(request, _("Your quote is withdrawn."))
        except TransitionError as exc:
            messages.error(request, exc.message)
        return redirect(f"{reverse('trade:sell-rfq', args=[rfq.pk])}?as={supplier.slug}")
    if request.method == "POST" and form.is_valid():
        try:
            # A fresh form for the model instance would overwrite; pass the terms to the service instead.
            service.submit_quote(rfq, supplier=supplier, actor=request.user, **form.terms())
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your quote is saved. You can revise it until the deadline."))
            return redirect(f"{reverse('trade:sell-rfq', args=[rfq.pk])}?as={supplier.slug}")
    if quote is not None:
        quote.refresh_from_db()
    context = {
        "rfq": rfq,
        "quote": quote,
        "can_quote": rfq.accepts_quotes and (quote is None or quote.state in ("submitted", "withdrawn")),
        "form": form,
        "question_form": QuestionForm(prefix="q"),
        "supplier": supplier,
        "suppliers": suppliers,
        "quote_messages": quote.messages.all() if quote else [],
        "attachments": rfq.attachments.all(),
        "documents": documents_for(quote, request.user) if quote else [],
    }
    return render(request, "trade/sell_rfq_detail.html", context, status=400 if form.errors else 200)
