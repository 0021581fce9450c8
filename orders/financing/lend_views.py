"""The lender's officers' pages (/lend/): the requests sent to their lender, one request with the record the
supplier shared, approve / decline / record the disbursement, and the lender's figures and exposure.

Every page is for officers only: another lender's advance is a 404, as is the area to anyone who is no
officer (a supplier, a buyer); anonymous visitors are sent to sign in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.workflow import TransitionError, history

from .access import officers_advance, officers_lenders
from .figures import exposure, lender_figures, outstanding
from .forms import ApproveForm, DeclineForm, DisburseForm
from .models import Advance
from .services import advance_limit, approve_advance, decline_advance, disburse_advance

PAGE_SIZE = 30


@login_required
def lend_index(request):
    lenders = officers_lenders(request.user)
    advances = Advance.objects.filter(lender__in=lenders).select_related("lender", "supplier", "order")
    state = request.GET.get("state", "")
    if state in Advance.State.values:
        advances = advances.filter(state=state)
    page = Paginator(advances, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/financing/lend_index.html",
        {"lenders": lenders, "page": page, "state": state, "states": Advance.State.choices},
    )


@login_required
def lend_advance(request, pk, forms=None):
    advance = officers_advance(request.user, pk)
    forms = forms or {}
    limit = advance_limit(advance.lender, advance.order, advance.supplier)
    context = {
        "advance": advance,
        "limit": limit,
        "outstanding": outstanding(advance),
        "history": history(advance),
        "approve_form": forms.get("approve") or ApproveForm(initial={"amount": advance.requested_amount}),
        "decline_form": forms.get("decline") or DeclineForm(),
        "disburse_form": forms.get("disburse") or DisburseForm(),
    }
    return render(request, "orders/financing/lend_advance.html", context)


def _decide(request, pk, name, form_class, act, done):
    """Parse the form `name`, call `act(advance, data)`; on success back to the advance with `done`, else the
    page again with the form's errors."""
    advance = officers_advance(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(advance, form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("orders:lend-advance", pk=pk)
    return lend_advance(request, pk, forms={name: form})


@login_required
@require_POST
def lend_approve(request, pk):
    def act(advance, data):
        approve_advance(advance, request.user, amount=data["amount"], fee=data["fee"])

    return _decide(
        request, pk, "approve", ApproveForm, act, _("Approved. Record the payment once it is sent.")
    )


@login_required
@require_POST
def lend_decline(request, pk):
    def act(advance, data):
        decline_advance(advance, request.user, reason=data["reason"])

    return _decide(request, pk, "decline", DeclineForm, act, _("Declined; the supplier sees your reason."))


@login_required
@require_POST
def lend_disburse(request, pk):
    def act(advance, data):
        disburse_advance(advance, request.user, **data)

    return _decide(
        request, pk, "disburse", DisburseForm, act, _("Payment recorded; it is repaid from escrow.")
    )


@login_required
def lend_figures(request):
    lenders = officers_lenders(request.user)
    rows = [
        {"lender": lender, "figures": lender_figures(lender), "exposure": exposure(lender)}
        for lender in lenders
    ]
    return render(request, "orders/financing/lend_figures.html", {"rows": rows, "lenders": lenders})
