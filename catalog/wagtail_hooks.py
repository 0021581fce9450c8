"""The curators' catalog admin in Wagtail: snippet viewsets for the catalog, and listing moderation.

Curators manage categories, clusters, suppliers, certifications, verification levels and materials here.
Products belong to artisans: curators see them (status, hidden flag, filters) and can hide a listing with a
reason or unhide it; both go through `catalog.services`, which refuses anyone but a curator. Certification
documents are private evidence: curators download them here (catalog_certifications:document).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from marketplace.downloads import private_file_response
from marketplace.files import content_type_for

from . import services
from .admin_labels import HumanInspectView, hidden_column
from .models import (
    Category,
    Certification,
    CertificationType,
    Cluster,
    Material,
    Product,
    Supplier,
    VerificationLevel,
)
from .review_requests import services as review_services
from .review_requests.forms import UnhideForm


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    list_display = ["__str__", "slug", "hs_heading"]
    search_fields = ["name", "slug"]
    ordering = ["path"]


class ClusterViewSet(SnippetViewSet):
    model = Cluster
    icon = "group"
    list_display = ["name", "sector", "region", "city"]
    list_filter = ["region"]
    search_fields = ["name", "sector", "city"]


class SupplierViewSet(SnippetViewSet):
    model = Supplier
    icon = "user"
    list_display = [
        "name",
        "region",
        "size",
        BooleanColumn("women_led"),
        "verification_level",
        BooleanColumn("is_active"),
    ]
    list_filter = ["women_led", "size", "region", "verification_level", "is_active", "clusters"]
    search_fields = ["name", "city", "tagline"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("tagline"),
        FieldPanel("clusters"),
        FieldPanel("categories"),
        FieldPanel("women_led"),
        FieldPanel("size"),
        FieldPanel("verification_level"),
        FieldPanel("region"),
        FieldPanel("city"),
        FieldPanel("currency"),
        FieldPanel("year_established"),
        FieldPanel("is_active"),
    ]


class CertificationTypeViewSet(SnippetViewSet):
    model = CertificationType
    icon = "tick-inverse"
    list_display = ["name", "slug"]


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "doc-full"
    list_display = ["type", "supplier", "issuer", "expires_on", BooleanColumn("is_valid", label=_("Valid"))]
    list_filter = ["type", "expires_on"]
    search_fields = ["supplier__name", "issuer"]


class VerificationLevelViewSet(SnippetViewSet):
    model = VerificationLevel
    icon = "success"
    list_display = ["name", "rank"]


class MaterialViewSet(SnippetViewSet):
    model = Material
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ProductViewSet(SnippetViewSet):
    """Listings, read-only for curators apart from moderation (hide with a reason, unhide)."""

    model = Product
    icon = "pick"
    inspect_view_enabled = True
    inspect_view_class = HumanInspectView
    list_display = [
        "title",
        "supplier",
        "status",
        hidden_column(),
        "updated_at",
    ]
    list_filter = ["status", "hidden_by_curator", "category", "supplier__clusters", "supplier__women_led"]
    search_fields = ["title", "supplier__name", "hs_code"]
    list_per_page = 50

    def get_queryset(self, request):
        return Product.objects.select_related("supplier")


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ProductViewSet,
        SupplierViewSet,
        ClusterViewSet,
        CategoryViewSet,
        CertificationViewSet,
        CertificationTypeViewSet,
        VerificationLevelViewSet,
        MaterialViewSet,
    )


register_snippet(CatalogViewSetGroup)


# --- Moderation --------------------------------------------------------------------------------------------
class HideProductForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The artisan sees this reason on their dashboard."),
        max_length=2000,
    )


class HideProductView(WagtailAdminTemplateMixin, FormView):
    """Hide a listing from buyers, with a reason. Only curators; the service checks again and records it."""

    form_class = HideProductForm
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_curator:
            raise PermissionDenied
        self.product = get_object_or_404(Product.objects.select_related("supplier"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Hide listing")

    def get_page_subtitle(self):
        return self.product.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("catalog_moderation:hide", args=[self.product.pk]),
            submit_button_label=_("Hide this listing"),
            submit_button_active_label=_("Hiding…"),
        )
        return context

    def form_valid(self, form):
        try:
            services.hide_product(self.product.pk, self.request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("“%(title)s” is now hidden from buyers.") % {"title": self.product.title}
        )
        return redirect(_product_index_url())


class UnhideProductView(HideProductView):
    # A confirmation (a POST) with an optional note for the artisan; the reason it was hidden stays in the
    # audit trail.
    form_class = UnhideForm

    def get_page_title(self):
        return _("Unhide listing")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("catalog_moderation:unhide", args=[self.product.pk]),
            submit_button_label=_("Show this listing to buyers again"),
            submit_button_active_label=_("Unhiding…"),
            page_subtitle=_("%(title)s (hidden: %(reason)s)")
            % {"title": self.product.title, "reason": self.product.hidden_reason},
        )
        return context

    def form_valid(self, form):
        # Through the review requests' service: an open request is closed as answered, the artisan emailed.
        review_services.unhide_listing(self.request.user, self.product.pk, form.cleaned_data["note"])
        messages.success(self.request, _("“%(title)s” is no longer hidden.") % {"title": self.product.title})
        return redirect(_product_index_url())


def _product_index_url():
    return reverse("wagtailsnippets_catalog_product:list")


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("<int:pk>/hide/", HideProductView.as_view(), name="hide"),
        path("<int:pk>/unhide/", UnhideProductView.as_view(), name="unhide"),
    ]
    return [path("catalog/moderation/", (urls, "catalog_moderation", "catalog_moderation"))]


# --- Certification documents -------------------------------------------------------------------------------
def certification_document(request, pk):
    """A certification's document, for curators: it is private evidence (marketplace.files), downloaded here
    and linked from the certification's edit form (PrivateFileInput)."""
    if not request.user.is_curator:
        raise PermissionDenied
    certification = get_object_or_404(Certification.objects.exclude(document=""), pk=pk)
    return private_file_response(
        certification.document,
        filename=certification.download_name,
        content_type=content_type_for(certification.document.name),
    )


@hooks.register("register_admin_urls")
def register_certification_urls():
    urls = [path("<int:pk>/document/", certification_document, name="document")]
    return [path("catalog/certifications/", (urls, "catalog_certifications", "catalog_certifications"))]


@hooks.register("register_snippet_listing_buttons")
def moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Product) or not user.is_curator:
        return []
    if snippet.hidden_by_curator:
        return [
            ListingButton(
                _("Unhide"),
                reverse("catalog_moderation:unhide", args=[snippet.pk]),
                priority=5,
                icon_name="view",
            )
        ]
    return [
        ListingButton(
            _("Hide"), reverse("catalog_moderation:hide", args=[snippet.pk]), priority=5, icon_name="no-view"
        )
    ]


# Admin views registered by importing them: the supplier applications' queue and dashboard panel (part A),
# the curators' cluster coordinators viewset (part B).
from . import application_admin, coordinator_admin  # noqa: E402, F401
from .events import admin as events_admin  # noqa: E402, F401  (events and exhibitors, under Programme)
from .review_requests import admin as review_requests_admin  # noqa: E402, F401  (the listing reviews queue)
