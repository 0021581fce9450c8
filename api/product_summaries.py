"""Products in the API's lists as JSON, each cached as the product list page caches its cards.

The page keeps each card's HTML in the cache and so loads only the product rows when warm; the API wrote
every product again each time (tiers, photos, renditions: 4 queries and most of its time) and served a third
of the page's requests per second (bench/README.md, "API"). A summary is now kept under a key made of the
rows the list loads anyway (product, supplier, verification level, category: `catalog.fragments.version_of`),
so any change to them is a new key at once in every process; tiers and photos change the product's
`updated_at` (catalog.signals), which is in the key too. Only the misses load tiers and photos.

Prices are in the supplier's own currency (the API converts nothing), so one entry serves every client.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects

from catalog.fragments import version_of
from catalog.models import PriceTier, ProductImage
from catalog.wagtail_overrides import attach_renditions

from .representations import Writer


def summary_rows(queryset):
    """The rows a summary's key needs and nothing more: product (without its description), supplier,
    level, category. Tiers and photos are loaded by `product_summaries` for the products not cached."""
    return queryset.select_related("supplier__verification_level", "category").defer("description")


def summary_key(product, photo_specs) -> str:
    supplier = product.supplier
    parts = (
        product,
        supplier,
        supplier.verification_level,
        product.category,
        photo_specs,
        settings.MEDIA_URL,
    )
    return "api:product-summary:" + version_of(*parts)


def product_summaries(products, photo_specs) -> list[dict]:
    """Each product's summary (api.representations.Writer.summary), in order: cached ones as they are, the
    others written after 2 queries (tiers, images with photos) plus 1 for renditions not cached yet."""
    products = list(products)
    keys = [summary_key(product, photo_specs) for product in products]
    found = cache.get_many(keys)
    missing = [(product, key) for product, key in zip(products, keys, strict=True) if key not in found]
    if missing:
        stale = [product for product, _key in missing]
        prefetch_related_objects(
            stale,
            Prefetch("images", queryset=ProductImage.objects.select_related("photo").order_by("position")),
            Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")),
        )
        attach_renditions([product.main_image.photo for product in stale if product.main_image])
        writer = Writer(photo_specs)
        fresh = {key: writer.summary(product) for product, key in missing}
        cache.set_many(fresh, settings.FRAGMENT_CACHE_SECONDS)
        found.update(fresh)
    return [found[key] for key in keys]
