"""What the index knows about a product: one flat document built the same way for every backend."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch

from catalog.models import Category, Certification, Product
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
