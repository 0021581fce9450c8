"""The /search/ page and the /search/suggest/ JSON endpoint (public: search shows only visible products)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog.models import BelowMinimumOrder, Product

from .query import FACETS, SORTS, SearchQuery
from .services import search_products, suggest


def _positive_int(value, default=None, maximum=10_000_000):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 < number <= maximum else default


def query_from_request(request) -> SearchQuery:
    """Parse GET parameters; anything malformed is dropped rather than failing the page. A NUL character can
    be in no product's text or facet value, and PostgreSQL refuses it in a query: it is removed from the words
    and a facet value holding one is dropped."""
    params = request.GET
    return SearchQuery(
        text=params.get("q", "").replace("\x00", ""),
        filters={
            name: [v[:200] for v in params.getlist(name) if v and "\x00" not in v][:20] for name in FACETS
        },
        sort=params.get("sort", "relevance"),
        page=_positive_int(params.get("page"), 1, 10_000),
        quantity=_positive_int(params.get("qty")),
    )


def _url(query: SearchQuery, filters=None, **changes):
    pairs = []
    text = changes.get("q", query.text)
    if text:
        pairs.append(("q", text))
    for name, values in sorted((filters if filters is not None else query.filters).items()):
        pairs += [(name, v) for v in values]
    sort = changes.get("sort", query.sort)
    if sort != "relevance":
        pairs.append(("sort", sort))
    if query.quantity:
        pairs.append(("qty", query.quantity))
    page = changes.get("page", 1)
    if page > 1:
        pairs.append(("page", page))
    return "?" + urlencode(pairs)


def _price_at(product, quantity):
    try:
        return product.price_for(quantity)
    except BelowMinimumOrder:
        return None


@require_GET
def search_page(request):
    query = query_from_request(request)
    result = search_products(query)
    by_id = {
        p.pk: p
        for p in Product.objects.visible()
        .for_cards()
        .prefetch_related("price_tiers")
        .filter(pk__in=result.ids)
    }
    products = [by_id[i] for i in result.ids if i in by_id]
    if query.quantity:
        # The cards show the price the sort used: the tier at the buyer's quantity (None under the MOQ).
        for product in products:
            product.quantity_price = _price_at(product, query.quantity)
    paginator = Paginator(range(result.total), query.page_size)
    page = paginator.get_page(query.page)
    chips = [
        {
            "facet": FACETS[name],
            "label": result.labels.get(name, {}).get(value, value),
            "url": _url(query, query.without(name, value)),
        }
        for name, values in query.filters.items()
        for value in values
    ]
    # Where the full matches end on this page: the page says so between the two groups.
    split = min(max(result.full_match_count - query.offset, 0), len(products))
    facets = [
        {"name": name, "label": FACETS[name], "values": values}
        for name, values in result.facets.items()
        if values
    ]
    context = {
        "query": query,
        "search_query": query.text,
        "result": result,
        "products": products,
        "full_products": products[:split],
        "partial_products": products[split:] if result.partial else [],
        "facets": facets,
        "chips": chips,
        "chosen_count": len(chips),
        "sorts": SORTS,
        "page": page,
        "previous_url": _url(query, page=page.number - 1) if page.has_previous() else None,
        "next_url": _url(query, page=page.number + 1) if page.has_next() else None,
        "clear_url": _url(query, filters={}),
        "corrections": sorted({fix for fixes in result.corrections.values() for fix in fixes}),
        "ignored_words": ", ".join(result.ignored_words),
        "title": _("Search results for “%(q)s”") % {"q": query.text} if query.text else _("Search products"),
    }
    return render(request, "search/search.html", context)


@require_GET
def suggest_view(request):
    return JsonResponse(suggest(request.GET.get("q", "")))
