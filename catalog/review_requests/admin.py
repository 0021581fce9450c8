"""The curators' queue of review requests in the Wagtail admin: "Suppliers › Listing reviews", the counts on
the dashboard, a request's page (the listing, the reason it was hidden, the artisan's note, the history) and
the two answers: show the listing again, or keep it hidden with a reply the artisan sees.

The services refuse anyone but a curator; these views check `is_curator` first: others get a 403, not a
form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component

from marketplace.workflow import TransitionError, history

from ..application_admin import CuratorMenuItem
from . import services
from .forms import KeepHiddenForm, UnhideForm
from .models import ReviewRequest

State = ReviewRequest.State


def _require_curator(request):
    if not request.user.is_curator:
        raise PermissionDenied


def queue(request):
    _require_curator(request)
    state = request.GET.get("state", State.OPEN)
    if state not in State.values:
        state = State.OPEN
    rows = (
        ReviewRequest.objects.filter(state=state)
        .select_related("product__supplier", "requested_by", "decided_by")
        .order_by("created_at", "id")[:200]
    )
    return TemplateResponse(
        request,
        "catalog/admin/review_requests/index.html",
        {"requests": rows, "state": state, "tabs": State.choices, "counts": services.queue_counts()},
    )


def _review_request(pk):
    return get_object_or_404(
        ReviewRequest.objects.select_related("product__supplier", "product__hidden_by", "requested_by"), pk=pk
    )


def _detail(request, review, keep_form=None, unhide_form=None, status=200):
    return TemplateResponse(
        request,
        "catalog/admin/review_requests/detail.html",
        {
            "review": review,
            "product": review.product,
            "history": history(review),
            "keep_form": keep_form or KeepHiddenForm(),
            "unhide_form": unhide_form or UnhideForm(),
        },
        status=status,
    )


def detail(request, pk):
    _require_curator(request)
    return _detail(request, _review_request(pk))


@require_POST
def unhide(request, pk):
    _require_curator(request)
    review = _review_request(pk)
    form = UnhideForm(request.POST)
    if not form.is_valid():
        return _detail(request, review, unhide_form=form, status=400)
    try:
        services.unhide_after_review(request.user, review.pk, form.cleaned_data["note"])
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("catalog_review_requests:detail", pk=review.pk)
    messages.success(request, _("“%(title)s” is visible to buyers again.") % {"title": review.product.title})
    return redirect("catalog_review_requests:queue")


@require_POST
def keep_hidden(request, pk):
    """A reply is required; a form with errors is shown again as typed, on the request's page."""
    _require_curator(request)
    review = _review_request(pk)
    form = KeepHiddenForm(request.POST)
    if form.is_valid():
        try:
            services.keep_hidden(request.user, review.pk, form.cleaned_data["reply"])
        except ValidationError as error:
            form.add_error("reply", error)
        except TransitionError as error:
            messages.error(request, error.message)
            return redirect("catalog_review_requests:detail", pk=review.pk)
        else:
            messages.success(
                request,
                _("“%(title)s” stays hidden; the artisan sees your reply.") % {"title": review.product.title},
            )
            return redirect("catalog_review_requests:queue")
    return _detail(request, review, keep_form=form, status=400)


@hooks.register("register_admin_urls")
def register_review_request_urls():
    urls = [
        path("", queue, name="queue"),
        path("<int:pk>/", detail, name="detail"),
        path("<int:pk>/unhide/", unhide, name="unhide"),
        path("<int:pk>/keep-hidden/", keep_hidden, name="keep-hidden"),
    ]
    return [path("catalog/review-requests/", (urls, "catalog_review_requests", "catalog_review_requests"))]


@hooks.register("register_suppliers_menu_item")
def register_review_requests_menu_item():
    return CuratorMenuItem(
        gettext_lazy("Listing reviews"),
        reverse("catalog_review_requests:queue"),
        icon_name="view",
        name="listing-reviews",
        order=200,
    )


class ReviewRequestsPanel(Component):
    """The dashboard's count of hidden listings whose artisans asked for a review."""

    name = "listing_review_requests"
    template_name = "catalog/admin/review_requests/panel.html"
    order = 95

    def get_context_data(self, parent_context):
        return {
            "waiting": services.queue_counts()[State.OPEN],
            "queue_url": reverse("catalog_review_requests:queue"),
        }


@hooks.register("construct_homepage_panels")
def add_review_requests_panel(request, panels):
    if request.user.is_curator:
        panels.append(ReviewRequestsPanel())
