"""The artisans' pages: their suppliers' listings, and the forms to create and edit them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog import services
from catalog.models import Product, ProductImage, Supplier
from catalog.onboarding.views import join_status

from .forms import ProductForm, TierFormSet
from .numbers import view_numbers


def _members_product(user, pk):
    """The product if `user` is a member of its supplier; 404 otherwise (never reveal others' listings)."""
    return get_object_or_404(Product.objects.of_member(user).select_related("supplier"), pk=pk)


@login_required
def dashboard(request):
    suppliers = list(Supplier.objects.for_member(request.user))
    if not suppliers:
        return redirect("sell:join")  # a new seller applies first (catalog.onboarding)
    products = (
        Product.objects.filter(supplier__in=suppliers)
        .select_related("supplier", "category")
        .prefetch_related("images__photo", "price_tiers")
        .order_by("-updated_at")
    )
    views = view_numbers(suppliers)
    return render(
        request,
        "catalog/sell/dashboard.html",
        {
            "suppliers": suppliers,
            "products": products,
            # The trade figures come through the template's "sell.numbers" slot (orders.trade.numbers).
            "numbers": [(supplier, views[supplier.pk]) for supplier in suppliers],
            # An application not yet approved: its state, the curator's question, the decline (onboarding).
            "join": join_status(request.user),
        },
    )


def _initial_tiers(product):
    if product is None:
        return []
    return [{"min_quantity": t.min_quantity, "unit_price": t.unit_price} for t in product.tiers()]


def _edit(request, product=None):
    form = ProductForm(request.POST or None, request.FILES or None, instance=product, user=request.user)
    tiers = TierFormSet(request.POST or None, prefix="tiers", initial=_initial_tiers(product))
    if request.method == "POST":
        form_ok = form.is_valid()
        tiers.moq = form.cleaned_data.get("moq")
        if form_ok and tiers.is_valid():
            saved = services.save_listing(
                form.save(commit=False),
                actor=request.user,
                status=form.cleaned_data["status"],
                materials=form.cleaned_data["materials"],
                tiers=tiers.tiers(),
                photos=form.cleaned_data["photos"],
            )
            if saved.hidden_by_curator:
                messages.warning(
                    request, _("Saved. A curator has hidden this listing, so buyers still cannot see it.")
                )
            else:
                messages.success(request, _("Saved “%(title)s”.") % {"title": saved.title})
            return redirect("sell:product-edit", pk=saved.pk)
        tiers.is_valid()
        messages.error(request, _("Please correct the marked fields; nothing you typed was lost."))
    return render(
        request, "catalog/sell/product_form.html", {"form": form, "tiers": tiers, "product": product}
    )


@login_required
def product_create(request):
    if not Supplier.objects.for_member(request.user).exists():
        raise Http404
    return _edit(request)


@login_required
def product_edit(request, pk):
    product = _members_product(request.user, pk)
    return _edit(request, product)


@login_required
@require_POST
def photo_main(request, pk, image_id):
    product = _members_product(request.user, pk)
    try:
        services.make_main_photo(product, image_id)
    except ProductImage.DoesNotExist as exc:
        raise Http404 from exc
    return redirect("sell:product-edit", pk=product.pk)


@login_required
@require_POST
def photo_delete(request, pk, image_id):
    product = _members_product(request.user, pk)
    try:
        services.remove_photo(product, image_id, request.user)
    except ProductImage.DoesNotExist as exc:
        raise Http404 from exc
    return redirect("sell:product-edit", pk=product.pk)
