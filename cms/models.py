"""Wagtail pages: home, supplier storefronts, clusters, curated collections, stories and the site's own pages
(About, Contact, Terms, Privacy), and the header and footer links curators choose (`NavigationLinks`).

Page URLs follow the catalog: a storefront lives at /suppliers/<supplier slug>/ and a cluster page at
/clusters/<cluster slug>/ (see `services.ensure_storefront` and `ensure_cluster_page`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from catalog.fragments import render_cards, supplier_facts_version, version_of
from catalog.models import Product
from catalog.sell.numbers import count_view
from catalog.wagtail_overrides import attach_renditions
from marketplace import currency

from . import queries
from .blocks import StoryBlock
from .wagtail_overrides import RouteByUrlPath, ViewRestrictionsInOneQuery


class HomePage(RouteByUrlPath, ViewRestrictionsInOneQuery, Page):
    intro = models.CharField(max_length=250, blank=True)
    hero_image = models.ForeignKey(
        "catalog.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(StoryBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("hero_image"), FieldPanel("body")]
    subpage_types = [
        "cms.SupplierIndexPage",
        "cms.ClusterIndexPage",
        "cms.CollectionIndexPage",
        "cms.StoryIndexPage",
        "cms.ContentPage",
        "cms.EventPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        clusters = ClusterPage.objects.live().order_by("title")
        # The cluster cards are a cached fragment, loaded (pages are heavy rows) only when it is not cached.
        context["clusters_version"] = version_of(queries.cluster_cards_version(clusters))
        context["clusters"] = SimpleLazyObject(lambda: queries.cluster_cards(clusters))
        context["fragment_seconds"] = settings.FRAGMENT_CACHE_SECONDS
        context["collections"] = list(
            CollectionPage.objects.live().defer("body").order_by("-first_published_at")[:6]
        )
        context["cards"] = render_cards(queries.newest_products(8), currency.for_request(request))
        attach_renditions([self.hero_image])
        return context


class SupplierIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.SupplierPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["storefronts"] = list(
            SupplierPage.objects.live()
            .child_of(self)
            .filter(supplier__is_active=True)
            .select_related("supplier", "supplier__verification_level")
            .order_by("title")
        )
        return context


class SupplierPage(ViewRestrictionsInOneQuery, Page):
    """An artisan's storefront: their story, a gallery, and featured products from their own catalog."""

    supplier = models.OneToOneField("catalog.Supplier", on_delete=models.PROTECT, related_name="storefront")
    story = StreamField(StoryBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("supplier"),
        FieldPanel("story"),
        InlinePanel("gallery", label=_("Photo gallery")),
        InlinePanel("featured", label=_("Featured products"), max_num=8),
    ]
    parent_page_types = ["cms.SupplierIndexPage"]
    subpage_types = []
    # The supplier's assisted onboarding too: the "Managed by" line (catalog.members) asks for it on every
    # storefront, and most have none (loaded as None here rather than one query each).
    route_select_related = ["supplier__verification_level", "supplier__assisted_onboarding__coordinator"]

    def serve(self, request, *args, **kwargs):
        # Counted here rather than in get_context: a preview (serve_preview) is a curator at work, not a view.
        count_view(request, supplier=self.supplier)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        supplier = self.supplier
        context["supplier"] = supplier
        # The facts (clusters, certifications) are a cached fragment: loaded only when it is not cached.
        context["facts"] = SimpleLazyObject(lambda: queries.supplier_facts(supplier))
        context["facts_version"] = supplier_facts_version(supplier)
        context["fragment_seconds"] = settings.FRAGMENT_CACHE_SECONDS
        gallery = queries.gallery(self)
        context["gallery_version"] = version_of(*gallery, *(item.photo for item in gallery))
        context["gallery"] = SimpleLazyObject(lambda: queries.with_renditions(gallery))
        context["featured_cards"] = render_cards(
            queries.featured_products(self), currency.for_request(request)
        )
        # "See all N products" links to the supplier's whole catalog on /products/ (1 query).
        context["product_count"] = Product.objects.visible().filter(supplier=supplier).count()
        return context

    def clean(self):
        super().clean()
        if self.supplier_id and self.slug and self.slug != self.supplier.slug:
            raise ValidationError(
                {"slug": _("A storefront's slug must be its supplier's slug (%s).") % self.supplier.slug}
            )


class SupplierGalleryPhoto(Orderable):
    page = ParentalKey(SupplierPage, on_delete=models.CASCADE, related_name="gallery")
    photo = models.ForeignKey("catalog.Photo", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250, blank=True)
    panels = [FieldPanel("photo"), FieldPanel("caption")]


class FeaturedProduct(Orderable):
    page = ParentalKey(SupplierPage, on_delete=models.CASCADE, related_name="featured")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("product")]

    def clean(self):
        if self.product_id and self.page.supplier_id and self.product.supplier_id != self.page.supplier_id:
            raise ValidationError({"product": _("Feature only this supplier's own products.")})


class ClusterIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ClusterPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cluster_pages"] = list(
            ClusterPage.objects.live()
            .child_of(self)
            .select_related("cluster", "hero_image")
            .order_by("title")
        )
        attach_renditions([page.hero_image for page in context["cluster_pages"]])
        return context


class ClusterPage(ViewRestrictionsInOneQuery, Page):
    cluster = models.OneToOneField("catalog.Cluster", on_delete=models.PROTECT, related_name="page")
    hero_image = models.ForeignKey(
        "catalog.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    story = StreamField(StoryBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("cluster"),
        FieldPanel("hero_image"),
        FieldPanel("story"),
    ]
    parent_page_types = ["cms.ClusterIndexPage"]
    subpage_types = []
    route_select_related = ["cluster", "hero_image"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["suppliers"] = queries.cluster_suppliers(self.cluster)
        context["cards"] = render_cards(
            queries.newest_products(12, supplier__clusters=self.cluster), currency.for_request(request)
        )
        attach_renditions([self.hero_image])
        return context


class CollectionIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CollectionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = list(CollectionPage.objects.live().child_of(self).order_by("title"))
        return context


class CollectionPage(ViewRestrictionsInOneQuery, Page):
    """A curated collection, e.g. "Expo 2026 follow-up: home textiles"."""

    intro = models.TextField(blank=True)
    body = StreamField(StoryBlock(), blank=True, use_json_field=True)
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([InlinePanel("items", label=_("Products"))], heading=_("Products")),
    ]
    parent_page_types = ["cms.CollectionIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cards"] = render_cards(queries.collection_products(self), currency.for_request(request))
        return context


class CollectionItem(Orderable):
    page = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=250, blank=True)
    panels = [FieldPanel("product"), FieldPanel("note")]


class StoryIndexPage(ViewRestrictionsInOneQuery, Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = list(
            StoryPage.objects.live()
            .child_of(self)
            .select_related("hero_image")
            .order_by("-first_published_at")
        )
        attach_renditions([story.hero_image for story in context["stories"]])
        return context


class StoryPage(ViewRestrictionsInOneQuery, Page):
    summary = models.CharField(max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "catalog.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(StoryBlock(), blank=True, use_json_field=True)
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []
    route_select_related = ["hero_image"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_renditions([self.hero_image])
        return context


class ContentPage(ViewRestrictionsInOneQuery, Page):
    """A page of the site's own: About, Contact, Terms of trade, Privacy. Text edited by curators."""

    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two sentences shown under the title.")
    )
    body = StreamField(StoryBlock(), blank=True, use_json_field=True)
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []


class EventPage(ViewRestrictionsInOneQuery, Page):
    """An event's page (the 2026 SME Cluster Showcase Expo): its dates and place, and its exhibitors
    grouped by cluster, each with its booth and a link to its storefront."""

    event = models.OneToOneField(
        "catalog.Event", on_delete=models.PROTECT, related_name="page", verbose_name=_("event")
    )
    body = StreamField(StoryBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("event"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    route_select_related = ["event"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event"] = self.event
        context["clusters"] = queries.exhibitors_by_cluster(self.event)
        return context


@register_setting(icon="list-ul")
class NavigationLinks(ClusterableModel, BaseGenericSetting):
    """The pages linked from every page's header and footer, in the curators' order (cms.navigation)."""

    panels = [
        InlinePanel("header_links", label=_("Header links")),
        InlinePanel("footer_links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("navigation links")


class NavigationLink(Orderable):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Shown instead of the page's title, if given.")
    )
    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True


class HeaderLink(NavigationLink):
    setting = ParentalKey(NavigationLinks, on_delete=models.CASCADE, related_name="header_links")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationLinks, on_delete=models.CASCADE, related_name="footer_links")
