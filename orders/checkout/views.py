"""The cart and checkout pages: add, change a quantity, remove, see totals (in the buyer's currency too),
check out to a saved or a new address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product
from marketplace.accounts import addresses
from marketplace.currency import format_money
from marketplace.money import Money

from . import cart
from .forms import AddToCartForm, CartQuantityForm, CheckoutForm
from .ordering import CheckoutError, check_cart_line, checkout


def _cart_totals(lines):
    totals = {}
    for line in lines:
        amount = line.amount
        totals[amount.currency] = totals.get(amount.currency, Money.zero(amount.currency)) + amount
    return [total.rounded() for total in totals.values()]


def cart_view(request, edit=None):
    """`edit`: a refused quantity change ({"key", "value", "error"}), shown on its line as it was typed."""
    lines = cart.lines(request)
    # Amounts are shown in the buyer's currency too (marketplace.currency, in the template); what is charged
    # is each total in its own currency, and the page says so.
    return render(
        request,
        "orders/cart.html",
        {"lines": lines, "totals": _cart_totals(lines), "edit": edit or {}},
    )


@require_POST
def cart_update(request):
    """A line's new quantity, checked like a new line (MOQ, limits; the tier price follows). A refusal shows
    the cart again with the typed value and the reason beside it; a line not in this buyer's cart is a 404."""
    form = CartQuantityForm(request.POST)
    key = request.POST.get("line", "")
    if not form.is_valid():
        if "line" in form.errors:
            raise Http404
        return cart_view(request, _refused(key, request.POST.get("quantity", ""), form.errors["quantity"][0]))
    try:
        line = cart.set_quantity(request, form.cleaned_data["line"], form.cleaned_data["quantity"])
    except cart.LineNotFound as error:
        raise Http404 from error
    except CheckoutError as error:
        if error.code == "sample_quantity":
            # A sample line has no quantity box to show the reason beside.
            messages.error(request, error.message)
            return redirect("orders:cart")
        return cart_view(request, _refused(key, request.POST.get("quantity", ""), error.message))
    messages.success(
        request,
        _("%(title)s: %(quantity)s at %(price)s each.")
        % {"title": line.product.title, "quantity": line.quantity, "price": format_money(line.unit_price)},
    )
    return redirect("orders:cart")


def _refused(key, value, error):
    return {"key": str(key), "value": value, "error": error}


@require_POST
def cart_add(request):
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("quantity") or [_("Enter a quantity.")]))
        return _back(request, "orders:cart")
    product = get_object_or_404(
        Product.objects.visible().select_related("supplier"), slug=form.cleaned_data["product"]
    )
    try:
        line = check_cart_line(product, form.cleaned_data.get("quantity") or 0, form.cleaned_data["sample"])
        cart.add(request, line)
    except CheckoutError as error:
        messages.error(request, error.message)
        return _back_to_product(request, product)
    messages.success(request, _("%(title)s is in your cart.") % {"title": product.title})
    return redirect("orders:cart")


def _back(request, fallback):
    """Back to the page the form was on, so the buyer sees the message beside it; only to our own host."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return redirect(referer)
    return redirect(fallback)


def _back_to_product(request, product):
    try:
        return _back(request, product.get_absolute_url())
    except NoReverseMatch:
        return redirect("orders:cart")


@require_POST
def cart_remove(request):
    cart.remove(request, request.POST.get("line"))
    return redirect("orders:cart")


@login_required
def checkout_view(request):
    """Choose one of the buyer's saved addresses (the default chosen) or give a new one, see what each order
    will charge, place the orders (one per currency). The orders copy the address."""
    lines = cart.lines(request)
    if not lines:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    initial = {"shipping_country": getattr(request.user, "country", "") or ""}
    form = CheckoutForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            orders = checkout(buyer=request.user, cart_lines=lines, **form.shipping())
        except CheckoutError as error:
            form.add_error(None, error.message)
        else:
            if new_address := form.address_to_save():
                addresses.save_address(request.user, **new_address)
            cart.clear(request)
            if len(orders) == 1:
                return redirect(orders[0])
            messages.success(request, _("One order per currency was created; pay each one."))
            return redirect("orders:list")
    return render(
        request, "orders/checkout.html", {"form": form, "lines": lines, "totals": _cart_totals(lines)}
    )
