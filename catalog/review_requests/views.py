"""The artisan's side on /sell/: the form asking a curator to review a hidden listing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..models import Product
from ..permissions import may
from . import services
from .forms import AskForReviewForm
from .models import ReviewRequest


@login_required
def ask_for_review(request, pk):
    """GET shows the reason and the form; POST asks. Not a member who may work on listings: 404, as for the
    listing's own page (never reveal another supplier's listings)."""
    product = get_object_or_404(Product.objects.select_related("supplier"), pk=pk)
    if not may(request.user, "work_on_listings", product.supplier):
        raise Http404
    form = AskForReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.ask_for_review(request.user, product.pk, form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error("note", error)
            else:
                messages.success(request, _("Thank you. A curator will look at your listing again."))
                return redirect("sell:product-edit", pk=product.pk)
        status = 400
    latest = product.review_requests.first()
    return render(
        request,
        "catalog/sell/review_request.html",
        {
            "product": product,
            "form": form,
            "latest": latest,
            "open": latest is not None and latest.state == ReviewRequest.State.OPEN,
        },
        status=status,
    )
