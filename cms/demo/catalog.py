"""Builds the demo catalog: categories, clusters, suppliers, certifications, products, tiers and photos.

Everything is drawn from one `random.Random` so two runs on empty databases produce the same rows.
"""

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.utils.text import slugify

from catalog.models import (
    Category,
    Certification,
    CertificationType,
    Cluster,
    Material,
    Photo,
    PriceTier,
    Product,
    ProductImage,
    Supplier,
    VerificationLevel,
)

from . import data
from .drawing import draw_product_picture
from .products import PRODUCTS

INCOTERM_SETS = [["EXW", "FOB"], ["FOB", "CIF"], ["EXW", "FCA", "DAP"], ["FOB", "CFR", "CIF"], ["EXW", "DDP"]]
FIRST_PUBLISHED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def build_reference():
    """Categories (with HS headings), clusters, materials, certification types and verification levels."""
    categories = {}
    for slug, name, parent, hs in data.CATEGORIES:
        categories[slug] = Category.objects.create(
            slug=slug, name=name, parent=categories.get(parent), hs_heading=hs
        )
    clusters = {
        slug: Cluster.objects.create(
            slug=slug, name=name, sector=sector, region=region, city=city, summary=summary
        )
        for slug, name, sector, region, city, summary in data.CLUSTERS
    }
    materials = {name: Material.objects.create(name=name, slug=slugify(name)) for name in data.MATERIALS}
    cert_types = {
        name: CertificationType.objects.create(name=name, slug=slugify(name))
        for name in data.CERTIFICATION_TYPES
    }
    levels = [
        VerificationLevel.objects.create(name=name, rank=rank, description=text)
        for name, rank, text in data.VERIFICATION_LEVELS
    ]
    return categories, clusters, materials, cert_types, levels


def build_suppliers(rng, clusters, categories, cert_types, levels):
    """Suppliers per cluster, with categories, and one or two certifications where the cluster has them.

    About one in four certificates is expired (so pages can prove they do not show it as valid).
    """
    suppliers = []
    for cluster_slug, entries in data.SUPPLIERS.items():
        cluster = clusters[cluster_slug]
        for name, tagline, women_led, size, currency, year in entries:
            supplier = Supplier.objects.create(
                name=name,
                slug=slugify(name),
                tagline=tagline,
                women_led=women_led,
                size=size,
                verification_level=rng.choice(levels),
                region=cluster.region,
                city=cluster.city,
                currency=currency,
                year_established=year,
            )
            supplier.clusters.add(cluster)
            supplier.categories.set({categories[template[1]] for template in PRODUCTS[cluster_slug]})
            for type_name in rng.sample(
                data.CLUSTER_CERTIFICATIONS.get(cluster_slug, []),
                k=min(2, len(data.CLUSTER_CERTIFICATIONS.get(cluster_slug, []))),
            ):
                expired = rng.random() < 0.25
                Certification.objects.create(
                    supplier=supplier,
                    type=cert_types[type_name],
                    issuer=data.CERTIFICATION_ISSUERS[type_name],
                    issued_on=date(2022, rng.randint(1, 12), 1) if not expired else date(2021, 3, 1),
                    expires_on=date(2025, 6, 30) if expired else date(2028, rng.randint(1, 12), 28),
                )
            suppliers.append((supplier, cluster_slug))
    return suppliers


def _price(usd: str, currency: str, factor: Decimal) -> Decimal:
    exact = Decimal(usd) * Decimal(data.CURRENCY_PER_USD[currency]) * factor
    step = Decimal("1") if currency == "PKR" else Decimal("0.01")
    return max(exact.quantize(step, rounding=ROUND_HALF_UP), step)


def _title(base, variant):
    title = f"{variant} {base}" if base[0].islower() else f"{base} – {variant.lower()}"
    return title[0].upper() + title[1:]


def _unused_title(templates, template, variant, titles_of, supplier):
    """The title for `template` and `variant`, or for the first pair after them that `supplier` does not list
    yet. No random draw: the rest of the demo stays as it was. Once the supplier has listed every pair (only
    at ten times the default size: `load_demo --products 3000`), the same walk again with "(design 2)", then
    "(design 3)"... after the title, as a workshop numbers the designs of one article. Returns
    (template, title)."""
    used = titles_of.get(supplier.pk, set())
    start = templates.index(template)
    design = 1
    while True:
        for candidate in templates[start:] + templates[:start]:
            variants = candidate[-1]
            offset = variants.index(variant) if candidate is template else 0
            for choice in variants[offset:] + variants[:offset]:
                title = _title(candidate[0], choice)
                if design > 1:
                    title = f"{title} (design {design})"
                if title not in used:
                    return candidate, title
        design += 1


def plan_products(rng, suppliers, count):
    """The product specs (dicts), round-robin over suppliers; titles use the buyers' own words."""
    plans, seen_slugs, titles_of = [], set(), {}
    for i in range(count):
        supplier, cluster_slug = suppliers[i % len(suppliers)]
        template = rng.choice(PRODUCTS[cluster_slug])
        variant = rng.choice(template[-1])
        # A supplier lists each title once: a repeat takes the next variant (then template) it lacks.
        template, title = _unused_title(PRODUCTS[cluster_slug], template, variant, titles_of, supplier)
        base, category, materials, unit, hs, moq, usd, lead, description, variants = template
        titles_of.setdefault(supplier.pk, set()).add(title)
        slug, n = slugify(title), 2
        while slug in seen_slugs:
            slug, n = f"{slugify(title)}-{n}", n + 1
        seen_slugs.add(slug)
        factor = Decimal(rng.randint(88, 118)) / 100
        price = _price(usd, supplier.currency, factor)
        breaks = sorted(rng.sample([3, 5, 10, 20, 50], k=rng.randint(1, 3)))
        tiers = [(moq, price)] + [
            (
                moq * k,
                _price(usd, supplier.currency, factor * (Decimal(1) - Decimal(j + 1) * Decimal("0.07"))),
            )
            for j, k in enumerate(breaks)
        ]
        sample = rng.random() < 0.6
        plans.append(
            {
                "supplier": supplier,
                "title": title,
                "slug": slug,
                "category": category,
                "materials": materials,
                "unit": unit,
                "hs_code": hs,
                "moq": moq,
                "lead_time_days": lead + rng.choice([-5, 0, 0, 7, 14]),
                "description": f"{description}\n\nMade by {supplier.name} in {supplier.city}. "
                f"Lead time from order confirmation; custom colours and private label on request.",
                "tiers": tiers,
                "monthly_capacity": moq * rng.choice([20, 40, 80, 150]),
                "stock_on_hand": moq * rng.randint(1, 6) if rng.random() < 0.3 else None,
                "sample_available": sample,
                "sample_price": price * 2 if sample else None,
                "incoterms": rng.choice(INCOTERM_SETS),
                "customisation": rng.choice(
                    ["", "OEM and private label", "Custom colours and sizes", "Your logo"]
                ),
                "photos": rng.randint(1, 3),
                # A few drafts, as an artisan would leave them.
                "status": Product.Status.DRAFT if i % 37 == 36 else Product.Status.PUBLISHED,
                "published_at": FIRST_PUBLISHED + timedelta(hours=7 * i),
            }
        )
    return plans


def build_products(rng, plans, categories, materials):
    """Creates the planned products with tiers, materials and drawn photos (bulk inserts where possible)."""
    products = Product.objects.bulk_create(
        [
            Product(
                supplier=p["supplier"],
                title=p["title"],
                slug=p["slug"],
                description=p["description"],
                category=categories[p["category"]],
                origin_region=p["supplier"].region,
                hs_code=p["hs_code"],
                moq=p["moq"],
                unit=p["unit"],
                lead_time_days=p["lead_time_days"],
                monthly_capacity=p["monthly_capacity"],
                stock_on_hand=p["stock_on_hand"],
                sample_available=p["sample_available"],
                sample_price=p["sample_price"],
                incoterms=p["incoterms"],
                customisation=p["customisation"],
                status=p["status"],
                published_at=p["published_at"] if p["status"] == Product.Status.PUBLISHED else None,
            )
            for p in plans
        ]
    )
    if products and products[0].pk is None:  # databases that do not return ids from bulk inserts
        products = list(Product.objects.filter(slug__in=[p["slug"] for p in plans]).order_by("id"))
    PriceTier.objects.bulk_create(
        [
            PriceTier(product=product, min_quantity=qty, unit_price=price)
            for product, p in zip(products, plans, strict=True)
            for qty, price in p["tiers"]
        ]
    )
    through = Product.materials.through
    through.objects.bulk_create(
        [
            through(product_id=product.pk, material_id=materials[name].pk)
            for product, p in zip(products, plans, strict=True)
            for name in p["materials"]
        ]
    )
    images = []
    for product, p in zip(products, plans, strict=True):
        for position in range(p["photos"]):
            photo = save_drawn_photo(
                f"{product.title} ({position + 1})",
                f"{product.slug}-{position + 1}",
                draw_product_picture(p["category"], rng),
            )
            images.append(
                ProductImage(product=product, photo=photo, position=position, alt_text=product.title)
            )
    ProductImage.objects.bulk_create(images)
    return products


def save_drawn_photo(title: str, name: str, jpeg: bytes) -> Photo:
    """Stores a Pillow drawing as a Photo; it has no metadata to strip, so the re-encode is skipped."""
    photo = Photo(title=title)
    photo._metadata_stripped = True
    photo.file = ContentFile(jpeg, name=f"{name}.jpg")
    photo.file_size = len(jpeg)
    photo.file_hash = hashlib.sha1(jpeg).hexdigest()
    photo.save()
    return photo
