"""The buyer's saved shipping addresses: list, add, edit, delete (/accounts/addresses/).

Owner-only: every address is looked up among the signed-in buyer's own (addresses.get_for_user), so another
buyer's id is a 404, never their address. The rules (one default, the next default after a delete) are the
service's (marketplace.accounts.addresses). `next` (a path on this site, e.g. the checkout page that linked
here) is where a saved change returns to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import addresses
from .address_forms import SavedAddressForm
from .views import safe_next


def _own_address(request, pk):
    address = addresses.get_for_user(request.user, pk)
    if address is None:
        raise Http404
    return address


def _done(request):
    return redirect(safe_next(request, reverse("accounts:addresses")))


@login_required
def address_list(request):
    return render(
        request,
        "accounts/address_list.html",
        {"addresses": addresses.for_user(request.user), "next": safe_next(request, "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def address_add(request):
    form = SavedAddressForm(request.POST or None, initial={"country": request.user.country or ""})
    if request.method == "POST" and form.is_valid():
        addresses.save_address(request.user, **form.cleaned_data)
        messages.success(request, _("Address saved."))
        return _done(request)
    return render(
        request,
        "accounts/address_form.html",
        {"form": form, "title": _("Add an address"), "next": safe_next(request, "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request, pk):
    address = _own_address(request, pk)
    form = SavedAddressForm.of(address, request.POST or None)
    if request.method == "POST" and form.is_valid():
        addresses.save_address(request.user, instance=address, **form.cleaned_data)
        messages.success(request, _("Address saved."))
        return _done(request)
    return render(
        request,
        "accounts/address_form.html",
        {"form": form, "title": _("Edit the address"), "address": address, "next": safe_next(request, "")},
    )


@login_required
@require_POST
def address_delete(request, pk):
    address = _own_address(request, pk)
    addresses.delete_address(request.user, address)
    messages.success(request, _("Address deleted."))
    return _done(request)
