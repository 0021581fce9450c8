"""Operator pages for per-category commission rates: list, add, change, delete (through the service)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..ledger.commissions import delete_category_commission, save_category_commission
from ..ledger.forms import CategoryCommissionForm
from ..models import CategoryCommission
from .ops import operator_required


@operator_required
def commission_list(request):
    commissions = CategoryCommission.objects.select_related("category__parent__parent").order_by(
        "category__path"
    )
    return render(
        request,
        "orders/ops_commissions.html",
        {"commissions": commissions, "default_rate": settings.PLATFORM_COMMISSION_PERCENT},
    )


def _edit(request, commission=None):
    form = CategoryCommissionForm(request.POST or None, instance=commission)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_category_commission(
                category=form.cleaned_data["category"],
                percent=form.cleaned_data["percent"],
                actor=request.user,
                commission=commission,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Commission for %(category)s saved.") % {"category": saved.category})
            return redirect("orders:ops-commissions")
    return render(request, "orders/ops_commission_form.html", {"form": form, "commission": commission})


@operator_required
def commission_add(request):
    return _edit(request)


@operator_required
def commission_edit(request, pk):
    return _edit(request, get_object_or_404(CategoryCommission, pk=pk))


@operator_required
def commission_delete(request, pk):
    commission = get_object_or_404(CategoryCommission.objects.select_related("category"), pk=pk)
    if request.method == "POST":
        delete_category_commission(commission, request.user)
        messages.success(
            request,
            _("Commission for %(category)s deleted; the parent's or the default rate applies.")
            % {"category": commission.category},
        )
        return redirect("orders:ops-commissions")
    return render(request, "orders/ops_commission_delete.html", {"commission": commission})
