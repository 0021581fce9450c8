"""Wagtail pages: home, supplier storefronts, clusters, curated collections and stories.

Page URLs follow the catalog: a storefront lives at /suppliers/<supplier slug>/ and a cluster page at
/clusters/<cluster slug>/ (see `services.ensure_storefront` and `ensure_cluster_page`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from catalog.models import Product

from .blocks import StoryBlock


class HomePage(Page):
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
    ]
    max_count = 1


class SupplierIndexPage(Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.SupplierPage"]
    max_count = 1


class SupplierPage(Page):
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


class ClusterIndexPage(Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ClusterPage"]
    max_count = 1


class ClusterPage(Page):
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


class CollectionIndexPage(Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CollectionPage"]


class CollectionPage(Page):
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


class CollectionItem(Orderable):
    page = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=250, blank=True)
    panels = [FieldPanel("product"), FieldPanel("note")]


class StoryIndexPage(Page):
    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]


class StoryPage(Page):
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
