"""Public catalog pages: the product list and the product page."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from marketplace import currency

from . import fragments
from .models import Category, Cluster, Product, Supplier
from .sell.numbers import count_view

PAGE_SIZE = 24
# The cards in a phone's first screen load their photos at once (lazy loading would delay the largest paint).
EAGER_CARDS = 2
SORTS = {
    "newest": ("-published_at", "-id"),
    # Prices compare in USD (`with_price_usd`); a product without a price or a rate comes last either way.
    "price": (F("price_usd").asc(nulls_last=True), "id"),
    "price_desc": (F("price_usd").desc(nulls_last=True), "-id"),
    "lead_time": ("lead_time_days", "id"),
    "moq": ("moq", "id"),
}


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _chosen_supplier(slug):
    """The active supplier a whole-storefront list (`?supplier=<slug>`) is about: 1 query, only when asked.
    Returns (supplier or None, whether a supplier was asked for)."""
    if not slug:
        return None, False
    # What is no slug names no supplier, and is never sent to the database (PostgreSQL refuses a NUL: a 500).
    if not SLUG.fullmatch(slug):
        return None, True
    return Supplier.objects.active().only("name", "slug").filter(slug=slug).first(), True


def _without(query, name):
    """The list's URL query with one filter (and the page) removed: a chip's link."""
    query = query.copy()
    query.pop(name, None)
    query.pop("page", None)
    return "?" + query.urlencode() if query else "?"


def product_list(request):
    """4 queries when the page's cards are cached (see catalog.fragments), 7 when none is; 1 more for the
    day's exchange rates when a price sort or a card's conversion needs them and they are not cached, and 1
    more for the supplier of a whole-storefront list (`?supplier=<slug>`)."""
    buyer_currency = currency.for_request(request)
    products = Product.objects.visible().card_rows()
    categories = list(Category.objects.only("name", "slug", "path"))
    clusters = list(Cluster.objects.only("name", "slug"))
    chosen_category = next((c for c in categories if c.slug == request.GET.get("category")), None)
    chosen_cluster = next((c for c in clusters if c.slug == request.GET.get("cluster")), None)
    chosen_supplier, supplier_asked = _chosen_supplier(request.GET.get("supplier"))
    if chosen_category:
        products = products.in_category(chosen_category)
    if chosen_cluster:
        products = products.filter(supplier__clusters=chosen_cluster)
    if chosen_supplier:
        products = products.filter(supplier=chosen_supplier)
    elif supplier_asked:
        # An unknown (or closed) supplier lists nothing, with a message, rather than everything.
        products = products.none()
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    if sort.startswith("price"):
        products = products.with_price_usd(buyer_currency.rates)
    products = products.order_by(*SORTS[sort])
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    chips = [
        {"label": label, "value": chosen.name, "url": _without(query, name)}
        for name, label, chosen in (
            ("supplier", _("Supplier"), chosen_supplier),
            ("category", _("Category"), chosen_category),
            ("cluster", _("Cluster"), chosen_cluster),
        )
        if chosen
    ]
    chosen = [getattr(chosen_category, "slug", None), getattr(chosen_cluster, "slug", None)]
    chosen.append(getattr(chosen_supplier, "slug", None))
    return render(
        request,
        "catalog/product_list.html",
        {
            "page": page,
            "cards": fragments.render_cards(page.object_list, buyer_currency, eager=EAGER_CARDS),
            "categories": categories,
            "clusters": clusters,
            "chosen_category": chosen_category,
            "chosen_cluster": chosen_cluster,
            "chosen_supplier": chosen_supplier,
            "unknown_supplier": supplier_asked and not chosen_supplier,
            "chips": chips,
            "sort": sort,
            # The filter form is a cached fragment: its options and choices are its version.
            "filters_version": fragments.version_of(*categories, *clusters, chosen, sort),
            "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
            "query_string": query.urlencode(),
        },
    )


# Built once, cloned per request: building the filters and the join anew cost about a tenth of the product
# page's CPU time (bench/README.md). A QuerySet that is never evaluated holds no rows, only the query.
VISIBLE_PRODUCTS_WITH_SUPPLIER = Product.objects.visible().select_related("supplier")


def product_detail(request, slug):
    """One query when the page's fragments are cached (see catalog.fragments), 7 or 8 when they are not."""
    product = get_object_or_404(VISIBLE_PRODUCTS_WITH_SUPPLIER, slug=slug)
    # 1 or 2 queries more for a buyer's view (the day's count; the viewer's role when signed in), none for a
    # robot's: the artisan's numbers on /sell/ (catalog/sell/numbers.py).
    count_view(request, supplier=product.supplier, product=product)
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "supplier": product.supplier,
            "listing": fragments.lazy_listing(product),
            "listing_version": fragments.listing_version(product, currency.for_request(request)),
            "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        },
    )
