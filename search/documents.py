"""What the index knows about a product: one flat document built the same way for every backend."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch

from catalog.models import Category, Certification, PriceTier, Product, Supplier, VerificationLevel
from marketplace.exchange.services import RateMissing, convert
from marketplace.money import Money

from .query import LEAD_TIME_BANDS, MOQ_BANDS, PRICE_BANDS, band_for


@dataclass
class ProductDocument:
    id: int
    title: str
    category_text: str
    materials_text: str
    supplier_text: str
    clusters_text: str
    description: str
    moq: int
    lead_time_days: int
    published_at: datetime | None
    verification_rank: int
    price_usd: Decimal | None
    tiers_usd: list[tuple[int, Decimal]] = field(default_factory=list)
    facets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text_words(self) -> str:
        return " ".join(
            [
                self.title,
                self.category_text,
                self.materials_text,
                self.clusters_text,
                self.supplier_text,
                self.description,
            ]
        )


def _usd_rates(currencies) -> dict[str, Decimal | None]:
    """USD value of one unit per currency; None when the rate table has no rate (see _to_usd)."""
    rates = {}
    for currency in currencies:
        try:
            rates[currency] = convert(Money(Decimal(1), currency), "USD").amount
        except RateMissing:
            rates[currency] = None
    return rates


def _to_usd(amount: Decimal, currency: str, rates) -> Decimal | None:
    rate = rates.get(currency)
    # Without a stored rate the product has no USD price: it stays findable but sorts after priced products
    # and is in no price band. Taking the raw amount for USD (as before) put 12,104 PKR among 200+ USD
    # products: a made-up rate of 1. Loading the rate table fixes it on the next reindex.
    return None if rate is None else amount * rate


def products_for_index(ids=None):
    queryset = Product.objects.visible()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return (
        queryset.select_related("supplier", "supplier__verification_level", "category")
        .prefetch_related(
            "materials",
            "price_tiers",
            "supplier__clusters",
            Prefetch(
                "supplier__certifications", queryset=Certification.objects.valid().select_related("type")
            ),
        )
        .order_by("pk")
    )


def build_documents(products) -> list[ProductDocument]:
    """Documents for already-loaded visible products (use products_for_index to load them)."""
    products = list(products)
    category_names = dict(Category.objects.values_list("path", "name"))
    rates = _usd_rates({p.supplier.currency for p in products})
    return [_document(p, category_names, rates) for p in products]


def _document(product, category_names, rates) -> ProductDocument:
    supplier = product.supplier
    ancestor_paths = product.category.ancestor_paths()
    materials = list(product.materials.all())
    clusters = list(supplier.clusters.all())
    certifications = list(supplier.certifications.all())
    tiers = sorted(product.price_tiers.all(), key=lambda t: t.min_quantity)
    priced = [(t.min_quantity, _to_usd(t.unit_price, supplier.currency, rates)) for t in tiers]
    tiers_usd = [(quantity, price) for quantity, price in priced if price is not None]
    price_usd = min((price for _qty, price in tiers_usd), default=None)
    level = supplier.verification_level
    facets = [("category", path) for path in ancestor_paths]
    facets += [("cluster", c.slug) for c in clusters]
    facets += [("region", product.origin_region)]
    facets += [("material", m.slug) for m in materials]
    facets += [("certification", slug) for slug in sorted({c.type.slug for c in certifications})]
    facets += [("size", supplier.size)]
    facets += [("supplier", supplier.slug)]
    if supplier.women_led:
        facets.append(("women_led", "yes"))
    if level is not None:
        facets.append(("verification", str(level.pk)))
    for name, band in (
        ("moq", band_for(MOQ_BANDS, product.moq)),
        ("lead_time", band_for(LEAD_TIME_BANDS, product.lead_time_days)),
        ("price", band_for(PRICE_BANDS, price_usd)),
    ):
        if band:
            facets.append((name, band))
    return ProductDocument(
        id=product.pk,
        title=product.title,
        category_text=" ".join(category_names.get(path, "") for path in ancestor_paths),
        materials_text=" ".join(m.name for m in materials),
        supplier_text=supplier.name,
        clusters_text=" ".join(f"{c.name} {c.sector} {c.city}" for c in clusters),
        description=product.description,
        moq=product.moq,
        lead_time_days=product.lead_time_days,
        published_at=product.published_at or product.created_at,
        verification_rank=level.rank if level else 0,
        price_usd=price_usd,
        tiers_usd=tiers_usd,
        facets=facets,
    )


class _Related(list):
    """A list that answers .all(), as a prefetched related manager does, for _document."""

    def all(self):
        return self


@dataclass
class _Row:
    """A product, supplier or verification level as _document reads it, from values() rows."""

    fields: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None


def rebuild_batches(batch_size):
    """Every visible product's document, in batches, for a rebuild: the same documents as build_documents
    (_document makes them), read with values() queries instead of model instances and prefetches.

    At a million products the ORM's instances were nine tenths of the rebuild's time. Categories and
    suppliers (with their clusters, certifications and level) are read once per rebuild; products, their
    materials and tiers once per batch (4 queries per batch).
    """
    categories = {c.pk: c for c in Category.objects.all()}
    category_names = {c.path: c.name for c in categories.values()}
    suppliers = _suppliers()
    rates = _usd_rates({s.currency for s in suppliers.values()})
    ids = list(products_for_index().values_list("pk", flat=True))
    columns = ["pk", "title", "description", "moq", "lead_time_days", "origin_region", "published_at"]
    for start in range(0, len(ids), batch_size):
        # A range of ids, not a list: 500 bound parameters per query cost more than the rows they fetch.
        chunk = {"product_id__gte": ids[start], "product_id__lte": ids[min(len(ids), start + batch_size) - 1]}
        materials, tiers = {}, {}
        for product_id, slug, name in (
            Product.materials.through.objects.filter(**chunk)
            .order_by("material__name", "material_id")
            .values_list("product_id", "material__slug", "material__name")
        ):
            materials.setdefault(product_id, _Related()).append(_Row({"slug": slug, "name": name}))
        for product_id, quantity, price in PriceTier.objects.filter(**chunk).values_list(
            "product_id", "min_quantity", "unit_price"
        ):
            tiers.setdefault(product_id, _Related()).append(
                _Row({"min_quantity": quantity, "unit_price": price})
            )
        rows = (
            products_for_index()
            .filter(pk__gte=chunk["product_id__gte"], pk__lte=chunk["product_id__lte"])
            .order_by("pk")
            .values(*columns, "created_at", "category_id", "supplier_id")
        )
        documents = []
        for row in rows:
            fields = {name: row[name] for name in columns}
            fields["created_at"] = row["created_at"]
            fields["category"] = categories[row["category_id"]]
            fields["supplier"] = suppliers[row["supplier_id"]]
            fields["materials"] = materials.get(row["pk"], _Related())
            fields["price_tiers"] = tiers.get(row["pk"], _Related())
            documents.append(_document(_Row(fields), category_names, rates))
        yield documents


def _suppliers() -> dict:
    """Every active supplier as _document reads it (clusters by name, valid certifications, level)."""
    clusters, certifications = {}, {}
    for supplier_id, slug, name, sector, city in Supplier.clusters.through.objects.order_by(
        "cluster__name", "cluster_id"
    ).values_list("supplier_id", "cluster__slug", "cluster__name", "cluster__sector", "cluster__city"):
        clusters.setdefault(supplier_id, _Related()).append(
            _Row({"slug": slug, "name": name, "sector": sector, "city": city})
        )
    for supplier_id, type_slug in Certification.objects.valid().values_list("supplier_id", "type__slug"):
        certifications.setdefault(supplier_id, _Related()).append(_Row({"type": _Row({"slug": type_slug})}))
    levels = {
        pk: _Row({"pk": pk, "rank": rank}) for pk, rank in VerificationLevel.objects.values_list("pk", "rank")
    }
    out = {}
    for row in Supplier.objects.filter(is_active=True).values(
        "pk", "name", "slug", "currency", "women_led", "size", "verification_level_id"
    ):
        out[row["pk"]] = _Row(
            {
                "name": row["name"],
                "slug": row["slug"],
                "currency": row["currency"],
                "women_led": row["women_led"],
                "size": row["size"],
                "verification_level": levels.get(row["verification_level_id"]),
                "clusters": clusters.get(row["pk"], _Related()),
                "certifications": certifications.get(row["pk"], _Related()),
            }
        )
    return out


def read_ahead(batches, depth=2):
    """The batches of `batches`, each built on a thread of its own while the caller writes the one before:
    at a million products the rebuild spent half its time building documents in Python and half waiting
    for PostgreSQL to index them, one after the other.

    The thread reads through its own database connection, so it sees committed data only: use it outside
    a transaction (search_index rebuild, the benchmark), never where the products are not committed yet."""
    import queue
    import threading

    from django.db import connection

    done = object()
    ready = queue.Queue(maxsize=depth)
    stop = threading.Event()
    failure = []

    def hand_over(item):
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def build():
        try:
            for batch in batches:
                if stop.is_set():
                    break
                hand_over(batch)
        except BaseException as error:  # handed to the caller, raised there
            failure.append(error)
        finally:
            connection.close()
            hand_over(done)

    worker = threading.Thread(target=build, name="search-rebuild-reader", daemon=True)
    worker.start()
    try:
        while (batch := ready.get()) is not done:
            yield batch
    finally:
        stop.set()  # the caller stopped early (its write failed): the thread ends instead of waiting
        worker.join()
    if failure:
        raise failure[0]
