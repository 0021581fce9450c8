"""The address step of an order from a quote or an allocation: /orders/<pk>/address/, its buyer only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.accounts import addresses
from marketplace.workflow import TransitionError

from ..access import buyers_order
from ..models import Order
from . import set_shipping_address
from .forms import OrderAddressForm


@login_required
def order_address(request, pk):
    order = buyers_order(request.user, pk)  # 404 for anyone but its buyer, its suppliers included
    if order.state != Order.State.AWAITING_PAYMENT:
        messages.error(request, _("The shipping address can only be set before the order is paid."))
        return redirect(order)
    form = OrderAddressForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = form.cleaned_data["address"]
            try:
                with transaction.atomic():
                    set_shipping_address(order, actor=request.user, **chosen)
                    if form.saves_a_new_address:
                        addresses.save_address(request.user, **chosen)
            except TransitionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The order will ship to this address."))
                return redirect(order)
        status = 400
    return render(request, "orders/order_address.html", {"order": order, "form": form}, status=status)
