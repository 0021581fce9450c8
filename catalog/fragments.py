"""Cached HTML of catalog fragments: product cards, and the parts of the product page.

A fragment's key is a hash of the rows the page fetched anyway: every loaded column of the product, of its
supplier and the supplier's verification level (and of the category on the product page). Any change to
those rows, by any code path (a queryset `update()` too), gives a new key at once in every process: the
database holds the version, the cache only HTML. What the page would otherwise have to query (tiers, photos,
materials; the supplier's clusters and certifications) is covered by `updated_at` of the product or the
supplier, which catalog.signals bumps when those rows change. Keys also hold the language and a hash of the
project's templates (a deploy with a shared cache never serves old markup); product-page keys hold today's
date (certificates expire, years active grow). A fragment that shows prices is rendered for one buyer
currency: its key holds that currency and the rates it converted with
(`marketplace.currency.BuyerCurrency.version_for`), so no visitor gets another currency's prices.

Nothing specific to a visitor ever goes into a fragment: no CSRF token, no login state (the buyer's
currency is not the visitor's own: every visitor choosing it shares those fragments).
"""

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, Prefetch, prefetch_related_objects
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Certification, Cluster, PriceTier, Product, ProductImage
from .wagtail_overrides import (
    LARGE_PHOTO_RENDITIONS,
    MAIN_PHOTO_RENDITIONS,
    THUMBNAIL_RENDITIONS,
    attach_rendition_sets,
    attach_renditions,
)

CARD_TEMPLATE = "catalog/includes/product_card.html"


def fingerprint(*parts) -> str:
    """A short hash of model rows (their loaded columns) and plain values, for cache keys."""
    digest = hashlib.md5(usedforsecurity=False)
    for part in parts:
        digest.update(repr(_row(part) if isinstance(part, Model) else part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _row(obj):
    loaded = obj.__dict__
    values = [loaded[f.attname] for f in obj._meta.concrete_fields if f.attname in loaded]
    # A StreamField's value would repr by rendering its blocks: its stored JSON is what changes.
    return obj._meta.label, [getattr(value, "raw_data", value) for value in values]


def version_of(*parts) -> str:
    """`fingerprint` of `parts` in the active language, with the templates' version: for fragment keys."""
    return fingerprint(*parts, get_language(), templates_version())


@lru_cache(maxsize=1)
def templates_version() -> str:
    """A hash of every template of the project (not of installed packages), computed once per process."""
    digest = hashlib.md5(usedforsecurity=False)
    base = Path(settings.BASE_DIR).resolve()
    for directory in engines["django"].template_dirs:
        directory = Path(directory).resolve()
        if not directory.is_relative_to(base) or "site-packages" in directory.parts:
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# --- Product cards -------------------------------------------------------------------------------------
class Card(NamedTuple):
    product: object
    html: SafeString


def card_key(product, buyer_currency, eager=False) -> str:
    """Needs the product with `supplier` and `supplier__verification_level` selected (no query beyond the
    day's rates, once per request, when the card's price needs converting)."""
    supplier = product.supplier
    prices = buyer_currency.version_for(supplier.currency)
    return "catalog:card:" + version_of(product, supplier, supplier.verification_level, eager, prices)


def render_cards(products, buyer_currency, eager=0) -> list[Card]:
    """Each product's card, in order: cached cards as they are, the others rendered in 2 queries (images and
    tiers) plus 1 for renditions not cached yet, however many they are.

    `products`: visible products with `supplier` and `supplier__verification_level` selected; their prices
    are shown to `buyer_currency` (a marketplace.currency.BuyerCurrency: `request.buyer_currency`). The first
    `eager` cards load their photo at once (they are in the first screen: lazy loading would delay it).
    """
    products = list(products)
    keys = [card_key(product, buyer_currency, eager=n < eager) for n, product in enumerate(products)]
    eager_keys = set(keys[:eager])
    html = cache.get_many(keys)
    missing = [(product, key) for product, key in zip(products, keys, strict=True) if key not in html]
    if missing:
        stale = [product for product, _key in missing]
        prefetch_related_objects(
            stale,
            Prefetch("images", queryset=ProductImage.objects.select_related("photo")),
            Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")),
        )
        attach_renditions([product.main_image.photo for product in stale if product.main_image])
        fresh = {
            key: render_to_string(
                CARD_TEMPLATE,
                {"product": product, "eager": key in eager_keys, "buyer_currency": buyer_currency},
            )
            for product, key in missing
        }
        cache.set_many(fresh, settings.FRAGMENT_CACHE_SECONDS)
        html.update(fresh)
    return [Card(product, mark_safe(html[key])) for product, key in zip(products, keys, strict=True)]


# --- The product page ----------------------------------------------------------------------------------
def listing_version(product, buyer_currency) -> str:
    """Version of the product page's fragments, whose prices are shown to `buyer_currency`. Needs the
    supplier selected with the product (no query but the day's rates when the prices need converting):
    category and verification level are covered by `updated_at` (catalog.signals bumps it on changes)."""
    prices = buyer_currency.version_for(product.supplier.currency)
    return version_of(product, product.supplier, timezone.localdate(), prices)


def supplier_facts_version(supplier) -> str:
    """Version of a fragment of the supplier's facts (clusters and certifications included, through
    `updated_at`). Needs the verification level selected with the supplier."""
    return version_of(supplier, supplier.verification_level, timezone.localdate())


def load_listing(product):
    """Everything the product page shows besides the product's and supplier's rows: 6 queries, plus 1 for
    renditions not cached yet, whatever the number of tiers, photos, materials, clusters or certificates."""
    named = Product.objects.select_related("category__parent", "supplier__verification_level")
    named = named.get(pk=product.pk)
    product.category = named.category  # with its parent: "Home › Ceramics"
    product.supplier.verification_level = named.supplier.verification_level
    prefetch_related_objects(
        [product],
        Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")),
        "materials",
        Prefetch("images", queryset=ProductImage.objects.select_related("photo")),
    )
    prefetch_related_objects(
        [product.supplier],
        Prefetch("clusters", queryset=Cluster.objects.only("name", "slug")),
        Prefetch(
            "certifications",
            queryset=Certification.objects.valid().select_related("type"),
            to_attr="valid_certifications",
        ),
    )
    # The gallery shows every photo in the main sizes (all but the first hidden and lazy until chosen), links
    # each to its large size, and has thumbnails of all of them only when there is more than one to choose.
    photos = [image.photo for image in product.images.all()]
    specs = MAIN_PHOTO_RENDITIONS + LARGE_PHOTO_RENDITIONS
    if len(photos) > 1:
        specs += THUMBNAIL_RENDITIONS
    attach_rendition_sets([(photo, specs) for photo in photos])
    return product


def lazy_listing(product):
    """`load_listing(product)` run only if a template reads it: not at all when the fragments are cached."""
    return SimpleLazyObject(lambda: load_listing(product))
