"""Named queries for the cms pages, each built to run a fixed number of SQL queries whatever the row count.

Photos on a page (gallery, product cards, hero images) get their renditions in ONE query for the whole
page (`attach_renditions`), instead of one query per photo.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images.models import Filter

from catalog.models import Certification, Cluster, Photo, PriceTier, Product, ProductImage

# The renditions our templates ask for: {% srcset_image photo width-{320,640} format-webp ... %}
RENDITION_SPECS = ["width-320|format-webp", "width-640|format-webp"]


def product_cards(queryset=None):
    """Visible products ready for cards: supplier, category, images (+photo) and tiers in 3 queries."""
    queryset = Product.objects.visible() if queryset is None else queryset
    return queryset.for_cards().prefetch_related(
        Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity"))
    )


def card_photos(products):
    return [image.photo for product in products for image in list(product.images.all())[:1]]


def attach_renditions(photos):
    """Hands Wagtail the renditions of all `photos` up front: from the cache, else ONE query for the misses.

    Wagtail's `get_rendition` looks at `photo.prefetched_renditions` before the cache and the database, and
    otherwise queries once per photo. With a warm cache this costs no SQL; cold, one query for the page. A
    rendition not yet generated (first view after an upload) is still created by Wagtail on demand.
    """
    photos = [photo for photo in photos if photo is not None]
    if not photos:
        return
    rendition_model = Photo.get_rendition_model()
    filters = [Filter(spec=spec) for spec in RENDITION_SPECS]
    keys = {
        (photo.pk, f.spec): rendition_model.construct_cache_key(photo, f.get_cache_key(photo), f.spec)
        for photo in photos
        for f in filters
    }
    cached = rendition_model.cache_backend.get_many(list(keys.values()))
    found = {}
    for (photo_pk, _spec), key in keys.items():
        if key in cached:
            found.setdefault(photo_pk, []).append(cached[key])
    missing = {photo.pk for photo in photos if len(found.get(photo.pk, [])) < len(filters)}
    if missing:
        loaded = list(rendition_model.objects.filter(image_id__in=missing, filter_spec__in=RENDITION_SPECS))
        for rendition in loaded:
            found.setdefault(rendition.image_id, []).append(rendition)
        # Wagtail never caches renditions it was handed as prefetched, so warm the cache here for next time.
        rendition_model.cache_backend.set_many(
            {keys[(r.image_id, r.filter_spec)]: r for r in loaded if (r.image_id, r.filter_spec) in keys}
        )
    for photo in photos:
        photo.prefetched_renditions = list({r.filter_spec: r for r in found.get(photo.pk, [])}.values())
        for rendition in photo.prefetched_renditions:
            rendition.image = photo  # the rendition's URL and alt text read its image: no query per rendition


def supplier_facts(supplier):
    """Adds the supplier's clusters and its VALID certifications only (`valid_certifications`): 2 queries."""
    prefetch_related_objects(
        [supplier],
        Prefetch("clusters", queryset=Cluster.objects.only("name", "slug")),
        Prefetch(
            "certifications",
            queryset=Certification.objects.valid().select_related("type"),
            to_attr="valid_certifications",
        ),
    )
    return supplier


VISIBLE_PRODUCT = {
    "product__status": Product.Status.PUBLISHED,
    "product__hidden_by_curator": False,
    "product__supplier__is_active": True,
}
CARD_RELATED = ["product__supplier__verification_level", "product__category"]


def _cards_from_rows(rows):
    """Products of page rows (featured/collection items) with images and tiers: 2 more queries in all."""
    products = [row.product for row in rows]
    prefetch_related_objects(
        products,
        Prefetch("images", queryset=ProductImage.objects.select_related("photo").order_by("position")),
        Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")),
    )
    return products


def featured_products(page):
    """The storefront's featured products in order: only the supplier's own, only visible ones (3 queries)."""
    rows = page.featured.filter(product__supplier_id=page.supplier_id, **VISIBLE_PRODUCT)
    return _cards_from_rows(rows.select_related(*CARD_RELATED).order_by("sort_order"))


def gallery(page):
    return list(page.gallery.select_related("photo").order_by("sort_order"))


def cluster_suppliers(cluster):
    return list(cluster.suppliers.active().select_related("verification_level").order_by("name"))


def newest_products(limit, **filters):
    return list(product_cards(Product.objects.visible().filter(**filters).distinct())[:limit])


def collection_products(page):
    """A collection's visible products in the curator's order, each with its `collection_note` (3 queries)."""
    rows = list(page.items.filter(**VISIBLE_PRODUCT).select_related(*CARD_RELATED).order_by("sort_order"))
    products = _cards_from_rows(rows)
    for row, product in zip(rows, products, strict=True):
        product.collection_note = row.note
    return products
