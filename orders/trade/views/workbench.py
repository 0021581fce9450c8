"""The artisan's own quotes on /sell/quotes/: every quote of the suppliers they are a member of, by state."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..models import Quote
from ..services.access import member_supplier_ids
from ..services.workbench import orders_of_quotes, quotes_of_member

PAGE_SIZE = 20


class QuoteStateFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("", _("All quotes")), *Quote.State.choices]
    )


@login_required
def sell_quotes(request):
    # A buyer (member of no supplier) has no quotes of their own: 404 as on the RFQ feed.
    if not member_supplier_ids(request.user):
        raise Http404
    form = QuoteStateFilter(request.GET or None)
    # An unknown state is said next to the filter (400) and the list shows every quote meanwhile.
    state = form.cleaned_data["state"] if form.is_valid() else None
    page = Paginator(quotes_of_member(request.user, state), PAGE_SIZE).get_page(request.GET.get("page"))
    quotes = list(page)
    orders = orders_of_quotes(quotes)
    rows = [
        {"quote": quote, "total": quote.total_for(quote.rfq.quantity), "order": orders.get(quote.pk)}
        for quote in quotes
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "state": state or "",
        "several_suppliers": len(member_supplier_ids(request.user)) > 1,
    }
    return render(request, "trade/sell_quotes.html", context, status=400 if form.errors else 200)
