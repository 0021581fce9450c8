"""The supplier's side of an advance (/sell/orders/<part>/advance/): choose a lender, ask for an amount up to
its limit with consent to share the record, and withdraw before it is paid. Owners only (see services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.permissions import may
from marketplace.money import Money
from marketplace.workflow import TransitionError

from ..access import members_fulfilment
from .access import members_advance
from .forms import RequestAdvanceForm
from .services import advance_limit, can_request, consent_text, lenders_for, request_advance, withdraw_advance


@login_required
def request_advance_view(request, pk):
    fulfilment = members_fulfilment(request.user, pk)
    if not may(request.user, "change_payout_details", fulfilment.supplier):
        raise Http404
    order = fulfilment.order
    if not can_request(fulfilment):
        messages.error(request, _("This order cannot be advanced on now."))
        return redirect("orders:sell-orders")
    lenders = lenders_for(order)
    for lender in lenders:
        lender.limit = Money(advance_limit(lender, order, fulfilment.supplier), order.currency)
    chosen = None
    if "lender" in request.GET or len(lenders) == 1:
        slug = request.GET.get("lender") or lenders[0].slug
        chosen = next((lender for lender in lenders if lender.slug == slug), None)
        if chosen is None:
            raise Http404
    form = RequestAdvanceForm(request.POST or None) if chosen else None
    if chosen and request.method == "POST" and form.is_valid():
        try:
            request_advance(
                fulfilment,
                request.user,
                lender=chosen,
                amount=form.cleaned_data["amount"],
                consent=form.cleaned_data["consent"],
            )
        except TransitionError as error:
            form.add_error("amount" if error.code == "above_limit" else None, error.message)
        else:
            messages.success(
                request,
                _("Sent to %(lender)s. You will see their answer on your balance page.")
                % {"lender": chosen.name},
            )
            return redirect("orders:sell-balance")
    context = {
        "fulfilment": fulfilment,
        "lenders": lenders,
        "chosen": chosen,
        "form": form,
        "consent_text": consent_text(chosen) if chosen else "",
    }
    return render(request, "orders/financing/request_advance.html", context)


@login_required
@require_POST
def withdraw_advance_view(request, pk):
    advance = members_advance(request.user, pk)
    try:
        withdraw_advance(advance, request.user)
        messages.success(request, _("Request withdrawn."))
    except TransitionError as error:
        messages.error(request, error.message)
    return redirect("orders:sell-balance")
