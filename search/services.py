"""Search services: run a query, suggest, keep the index in step with the catalog.

The database index is ALWAYS maintained (it is the fallback when Elasticsearch does not answer); when
SEARCH_BACKEND is "elasticsearch" documents are written to Elasticsearch as well and searches go there first.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import (
    Category,
    CertificationType,
    Cluster,
    Material,
    Product,
    Supplier,
    VerificationLevel,
)
from catalog.reference import Region, SupplierSize

from .backends.base import BackendUnavailable
from .backends.database import DatabaseBackend
from .documents import build_documents, products_for_index, read_ahead, rebuild_batches
from .query import LEAD_TIME_BANDS, MOQ_BANDS, PRICE_BANDS, SearchQuery, SearchResult

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
REBUILD_BATCH_SIZE = 2000  # documents per insert in a rebuild: fewer round trips, bounded memory


def database_backend():
    return DatabaseBackend()


def active_backends():
    """The backends to write to: the database always, plus Elasticsearch when it is the configured backend."""
    backends = [database_backend()]
    if settings.SEARCH_BACKEND == "elasticsearch":
        from .backends.elasticsearch import ElasticsearchBackend

        backends.append(ElasticsearchBackend())
    return backends


def search_backend():
    return active_backends()[-1]


def search_products(query: SearchQuery) -> SearchResult:
    """Run `query` on the configured backend; if Elasticsearch fails or times out, log and use the database.

    Never raises for an unavailable search engine: the buyer always gets results from somewhere.
    """
    backend = search_backend()
    try:
        result = backend.search(query)
    except BackendUnavailable as error:
        logger.warning(
            "search: %s unavailable (%s); falling back to the database backend", backend.name, error
        )
        result = database_backend().search(query)
    label_facets(result, query)
    return result


def suggest(text: str, limit: int = 6) -> dict:
    """Autocomplete for the first keystrokes: product titles, categories and clusters whose names match."""
    text = (text or "").strip()[:100]
    if len(text) < 2:
        return {"products": [], "categories": [], "clusters": []}
    backend = search_backend()
    try:
        ids = backend.suggest(text, limit)
    except BackendUnavailable as error:
        logger.warning(
            "suggest: %s unavailable (%s); falling back to the database backend", backend.name, error
        )
        ids = database_backend().suggest(text, limit)
    products = Product.objects.visible().filter(pk__in=ids).only("pk", "title", "slug")
    by_id = {p.pk: p for p in products}
    search_url = reverse("search:search")
    return {
        "products": [
            {"title": by_id[i].title, "url": by_id[i].get_absolute_url()} for i in ids if i in by_id
        ],
        "categories": [
            {"name": c.name, "url": f"{search_url}?{urlencode({'category': c.path}, safe='/')}"}
            for c in Category.objects.filter(name__icontains=text).order_by("path")[:4]
        ],
        "clusters": [
            {"name": c.name, "url": f"{search_url}?{urlencode({'cluster': c.slug})}"}
            for c in Cluster.objects.filter(name__icontains=text).order_by("name")[:4]
        ],
    }


def update_index(product_ids) -> None:
    """Bring these products' index entries in line with the catalog (visible -> indexed, otherwise removed).

    Idempotent; safe to call with ids of deleted products. Called on transaction commit by search.signals.
    """
    ids = {int(i) for i in product_ids if i is not None}
    if not ids:
        return
    documents = build_documents(products_for_index(ids))
    gone = ids - {d.id for d in documents}
    for backend in active_backends():
        try:
            backend.remove(gone)
            backend.index(documents)
        except BackendUnavailable as error:
            # The database index is current; `search_index update` brings Elasticsearch back in step.
            logger.warning("index update: %s unavailable (%s) for %d products", backend.name, error, len(ids))


def products_of(kind, key) -> list[int]:
    """Ids of the products whose documents show a row of `kind` (a related row's name or path): "supplier"
    (id `key`), "suppliers" (ids `key`), "category" (id `key`: its products and its descendants'),
    "cluster" (its suppliers' products), "material" or "currencies" (codes `key`: products of suppliers
    pricing in them). A row deleted meanwhile has none."""
    if kind == "category":
        category = Category.objects.filter(pk=key).first()
        products = Product.objects.in_category(category) if category else Product.objects.none()
    elif kind == "supplier":
        products = Product.objects.filter(supplier_id=key)
    elif kind == "suppliers":
        products = Product.objects.filter(supplier_id__in=key)
    elif kind == "cluster":
        products = Product.objects.filter(supplier__clusters=key)
    elif kind == "material":
        products = Product.objects.filter(materials=key)
    elif kind == "currencies":  # a new exchange rate moves the USD prices of products priced in these
        products = Product.objects.filter(supplier__currency__in=key)
    else:
        raise ValueError(f"no products of {kind!r}")
    return list(products.values_list("pk", flat=True).distinct())


def document_batches(batch_size=REBUILD_BATCH_SIZE):
    return rebuild_batches(batch_size)


def rebuild_index(backend, progress=None) -> int:
    """Rebuild `backend` from every visible product; readers keep the old index until the new one is in."""
    total = Product.objects.visible().count()
    batches = document_batches()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Outside a transaction the products are committed: a second connection can read them while this
        # one writes (SQLite would lock the reader out of a file being written).
        batches = read_ahead(batches)
    return backend.rebuild(batches, total, progress=progress)


def label_facets(result: SearchResult, query: SearchQuery) -> None:
    """Human labels for facet values (a handful of small lookups), selection flags, and a stable order."""
    wanted = {name: {fc.value for fc in counts} for name, counts in result.facets.items()}
    for name, values in query.filters.items():
        wanted.setdefault(name, set()).update(values)
    labels = {
        "region": dict(Region.choices),
        "size": dict(SupplierSize.choices),
        "women_led": {"yes": _("Women-led")},
        "moq": {key: key for key, _low, _high in MOQ_BANDS},
        "lead_time": {key: _("%(band)s days") % {"band": key} for key, _low, _high in LEAD_TIME_BANDS},
        "price": {key: f"${key}" for key, _low, _high in PRICE_BANDS},
    }
    lookups = {
        "category": (Category, "path"),
        "cluster": (Cluster, "slug"),
        "material": (Material, "slug"),
        "certification": (CertificationType, "slug"),
        "verification": (VerificationLevel, "pk"),
        "supplier": (Supplier, "slug"),
    }
    for name, (model, key) in lookups.items():
        if wanted.get(name):
            values = wanted[name] if key != "pk" else [v for v in wanted[name] if v.isdigit()]
            labels[name] = {
                str(k): n for k, n in model.objects.filter(**{f"{key}__in": values}).values_list(key, "name")
            }
    band_order = {
        "moq": [k for k, *_r in MOQ_BANDS],
        "lead_time": [k for k, *_r in LEAD_TIME_BANDS],
        "price": [k for k, *_r in PRICE_BANDS],
    }
    for name, counts in result.facets.items():
        chosen = set(query.filters.get(name, []))
        present = {fc.value for fc in counts}
        for fc in counts:
            fc.label = str(labels.get(name, {}).get(fc.value, fc.value))
            fc.selected = fc.value in chosen
        # A chosen value with no matches still shows (count 0) so it can be unticked.
        from .query import FacetCount

        counts.extend(
            FacetCount(value=v, count=0, label=str(labels.get(name, {}).get(v, v)), selected=True)
            for v in chosen - present
        )
        if name in band_order:
            counts.sort(
                key=lambda fc, order=band_order[name]: order.index(fc.value) if fc.value in order else 99
            )
        elif name == "category":
            counts.sort(key=lambda fc: fc.value)
        else:
            counts.sort(key=lambda fc: (-fc.count, fc.label))
    result.labels = labels
