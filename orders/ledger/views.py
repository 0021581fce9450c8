"""A supplier's balance page (held, available, in payout, paid out; per-order statements) and their payout
details (owners only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from catalog.models import Supplier
from catalog.permissions import may

from ..access import members_suppliers
from ..financing.figures import outstanding
from ..financing.models import Advance
from . import statements
from .book import supplier_balances
from .forms import PayoutAccountForm
from .models import PayoutAccount


@login_required
def sell_balance(request):
    suppliers = members_suppliers(request.user)
    rows = [
        {
            "supplier": supplier,
            "balances": supplier_balances(supplier),
            "statements": statements.order_statements(supplier),
            "payouts": statements.payouts(supplier),
            "payout_account": PayoutAccount.objects.filter(supplier=supplier).first(),
            "advances": _advances(supplier),
            "owner": may(request.user, "change_payout_details", supplier),  # only owners withdraw a request
        }
        for supplier in suppliers
    ]
    return render(request, "orders/sell_balance.html", {"rows": rows})


@login_required
def payout_account_edit(request, supplier_pk):
    supplier = get_object_or_404(Supplier.objects.for_member(request.user), pk=supplier_pk)
    if not may(request.user, "change_payout_details", supplier):
        raise Http404
    instance = PayoutAccount.objects.filter(supplier=supplier).first() or PayoutAccount(supplier=supplier)
    form = PayoutAccountForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Payout details saved."))
        return redirect("orders:sell-balance")
    return render(request, "orders/payout_account.html", {"supplier": supplier, "form": form})


def _advances(supplier):
    """The supplier's advances, newest first, with what is still owed on each."""
    advances = list(Advance.objects.filter(supplier=supplier).select_related("lender")[:50])
    for advance in advances:
        advance.outstanding = outstanding(advance)
    return advances
